"""Paired devices (lobby TVs, kiosks): a name, a role and a hashed, revocable token."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from antrean.core.access import Role
from antrean.db.models import Base
from antrean.db.types import StrEnumColumn, UtcDateTime


class Device(Base):
    __tablename__ = "devices"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    role: Mapped[Role] = mapped_column(StrEnumColumn(Role))  # display or kiosk
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)  # SHA-256 only
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # A kiosk's own address for the QR codes it prints, when [server] public_url is not set.
    public_url: Mapped[str | None] = mapped_column(String(200))
    # A kiosk's agencies (codes) in a Mal Pelayanan Publik; None: every agency.
    agencies: Mapped[list[str] | None] = mapped_column(JSON(none_as_null=True))
    # A lobby TV's zone (a [[zones]] code): it shows and speaks only that zone's calls.
    # None: the whole office.
    zone: Mapped[str | None] = mapped_column(String(32))


class TabletPairing(Base):
    """A loket's survey tablet, paired by a petugas on the spot or by a one-time link an
    admin made. It holds while it is not revoked and the person who made it is active."""

    __tablename__ = "tablet_pairings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    counter: Mapped[int] = mapped_column(Integer)
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    # A pairing link: only its hash; it pairs one browser before it expires, then is spent.
    link_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    link_expires_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    paired_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
