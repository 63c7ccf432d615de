"""Queries on paired devices (kiosks, TVs). Each takes the caller's session; none commits."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from sqlalchemy import Row, func, select
from sqlalchemy.orm import Session

from antrean.db.device_models import Device


def all_devices(session: Session) -> Sequence[Device]:
    return session.scalars(select(Device).order_by(Device.id)).all()


def live_device_for_token(session: Session, token_hash: str) -> Row[int, str, str] | None:
    """A device not revoked, by its token's hash: id, role and name, no object loaded."""
    return session.execute(select(Device.id, Device.role, Device.name).where(
        Device.token_hash == token_hash, Device.revoked_at.is_(None))).first()


def count_with_role(session: Session, role: str) -> int:
    query = select(func.count()).select_from(Device).where(Device.role == role)
    return int(session.scalar(query) or 0)


def agencies_of(session: Session, device_id: int) -> list[str] | None:
    """The agencies a kiosk device is set to; None: every agency."""
    value = session.scalar(select(Device.agencies).where(Device.id == device_id))
    return list(value) if isinstance(value, list) else None


def public_url_of(session: Session, device_id: int) -> str | None:
    """The address a kiosk device prints in its QR codes, when it has its own."""
    return session.scalar(select(Device.public_url).where(Device.id == device_id))


def zone_of(session: Session, device_id: int) -> str | None:
    """A TV's zone; None for the whole office (or a device that is gone)."""
    return session.scalar(select(Device.zone).where(Device.id == device_id,
                                                    Device.revoked_at.is_(None)))


def live_devices_in_zone(session: Session, zone: str) -> Sequence[Device]:
    return session.scalars(select(Device).where(Device.zone == zone, Device.revoked_at.is_(None))
                           .order_by(Device.name)).all()


def live_device_token_hashes(session: Session, token_hashes: Collection[str]) -> set[str]:
    """Which of these token hashes belong to a device not revoked (the connection sweep asks
    for all of an office's screens in one statement)."""
    return set(session.scalars(select(Device.token_hash).where(
        Device.token_hash.in_(token_hashes), Device.revoked_at.is_(None))))


def live_device_ids(session: Session, device_ids: Collection[int]) -> set[int]:
    """Which of these devices exist and are not revoked."""
    return set(session.scalars(select(Device.id).where(
        Device.id.in_(device_ids), Device.revoked_at.is_(None))))
