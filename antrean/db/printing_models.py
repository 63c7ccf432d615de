"""Print jobs: a ticket is committed first, its paper copy is a job that may fail."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from antrean.db.models import Base, Ticket
from antrean.db.types import UtcDateTime


class PrintJob(Base):
    __tablename__ = "print_jobs"
    __table_args__ = (Index("ix_print_jobs_status", "status", "created_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id"))
    status: Mapped[str] = mapped_column(String(16))  # pending, printed, failed
    base_url: Mapped[str] = mapped_column(String(255))  # for the QR code on the paper
    reprint: Mapped[bool] = mapped_column(default=False)
    requested_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    ticket: Mapped[Ticket] = relationship()
