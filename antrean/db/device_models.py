"""Paired devices (lobby TVs, kiosks): a name, a role and a hashed, revocable token."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from antrean.db.models import Base
from antrean.db.types import UtcDateTime


class Device(Base):
    __tablename__ = "devices"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    role: Mapped[str] = mapped_column(String(16))  # display or kiosk
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)  # SHA-256 only
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # A kiosk's own address for the QR codes it prints, when [server] public_url is not set.
    public_url: Mapped[str | None] = mapped_column(String(200))
