"""Pairing links: a short, single-use, expiring code that pairs one browser as a TV or kiosk."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from antrean.db.models import Base
from antrean.db.types import UtcDateTime


class PairingLink(Base):
    __tablename__ = "pairing_links"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    role: Mapped[str] = mapped_column(String(16))  # display or kiosk
    name: Mapped[str] = mapped_column(String(64))  # the device's name once paired
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)  # SHA-256 only
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
    created_by: Mapped[int | None] = mapped_column(Integer)
    used_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    cancelled_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    device_id: Mapped[int | None] = mapped_column(Integer)  # the device it paired
    # The kiosk's agencies, copied to its device when paired; None: every agency.
    agencies: Mapped[list[str] | None] = mapped_column(JSON(none_as_null=True))
    zone: Mapped[str | None] = mapped_column(String(32))  # a TV's zone once paired
