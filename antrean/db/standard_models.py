"""Service standards (standar pelayanan) as versions keyed by service code: rows are only
added; the highest version is the current one. Version 1 comes from config.toml."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from antrean.db.models import Base
from antrean.db.types import UtcDateTime


class StandardVersion(Base):
    """One version of a service's standard (every component, as JSON) and its decree."""

    __tablename__ = "standard_versions"
    __table_args__ = (
        # Two kepala saving at once: one of them gets the number, the other is told to reload.
        UniqueConstraint("service_code", "version", name="uq_standard_version"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    service_code: Mapped[str] = mapped_column(String(32))
    version: Mapped[int] = mapped_column(Integer)
    content: Mapped[str] = mapped_column(Text)  # ServiceStandard.to_json()
    sk_number: Mapped[str] = mapped_column(String(120), default="")
    sk_date: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))  # None: config.toml
