"""Complaints (pengaduan) and the office's replies, followed by a tracking code."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from antrean.db.models import Base
from antrean.db.types import UtcDateTime


class Complaint(Base):
    __tablename__ = "complaints"
    __table_args__ = (
        Index("ix_complaints_status", "status", "created_at"),
        Index("ix_complaints_client", "client_hash", "created_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tracking_code: Mapped[str] = mapped_column(String(16), unique=True)
    category: Mapped[str] = mapped_column(String(32))
    message: Mapped[str] = mapped_column(Text)
    name: Mapped[str | None] = mapped_column(String(100))  # optional: anonymous allowed
    contact: Mapped[str | None] = mapped_column(String(100))
    ticket_number: Mapped[str | None] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16))  # baru, diproses, selesai
    # A keyed hash of the sender's address, only to limit floods; never shown.
    client_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    # core.complaint_deadline.CHANNELS; complaints older than this column came by the web form.
    channel: Mapped[str] = mapped_column(String(16), server_default=text("'web'"))
    lapor_number: Mapped[str | None] = mapped_column(String(32))  # SP4N-LAPOR! tracking number
    # The last office-local day for a first answer (working days); null on older complaints.
    due_on: Mapped[date | None] = mapped_column(Date)
    first_answered_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # The agency (instansi) it is about, in an MPP; null: the office as a whole.
    agency: Mapped[str | None] = mapped_column(String(32))

    replies: Mapped[list[ComplaintReply]] = relationship(
        back_populates="complaint", order_by="ComplaintReply.id"
    )


class ComplaintReply(Base):
    """What the office answered, and the status it set; the citizen reads these."""

    __tablename__ = "complaint_replies"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaints.id"))
    body: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)

    complaint: Mapped[Complaint] = relationship(back_populates="replies")
