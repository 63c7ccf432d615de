"""What the office publishes beside its standards: maklumat and facilities (as versions), the
published SKM periods and their follow-up plans."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from antrean.db.models import Base
from antrean.db.types import UtcDateTime


class NoticeVersion(Base):
    """One version of an office-wide notice: "maklumat" or "facilities" (as JSON)."""

    __tablename__ = "notice_versions"
    __table_args__ = (UniqueConstraint("kind", "version", name="uq_notice_version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    version: Mapped[int] = mapped_column(Integer)
    content: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class SkmPublication(Base):
    """A survey period the kepala made public on /skm (e.g. "2026-Q3", "2026-S2", "2026")."""

    __tablename__ = "skm_publications"
    __table_args__ = (UniqueConstraint("period", name="uq_skm_publication_period"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    period: Mapped[str] = mapped_column(String(16))
    published_at: Mapped[datetime] = mapped_column(UtcDateTime)
    published_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class SkmFollowUp(Base):
    """The rencana tindak lanjut for one weak element of a period (office-wide or a service)."""

    __tablename__ = "skm_follow_ups"
    __table_args__ = (
        UniqueConstraint("period", "service_code", "element", name="uq_skm_follow_up"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    period: Mapped[str] = mapped_column(String(16))
    service_code: Mapped[str] = mapped_column(String(32), default="")  # "": the whole office
    element: Mapped[str] = mapped_column(String(8))
    plan: Mapped[str] = mapped_column(Text)
    # One of usecases.reports.skm_publication.FOLLOW_UP_STATUSES.
    status: Mapped[str] = mapped_column(String(16))
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
