"""Queries on the uploaded media; the caller owns the session."""

from __future__ import annotations

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from antrean.db.media_models import MediaFile


def all_media(session: Session) -> list[MediaFile]:
    """Every file in playing order, without its bytes."""
    return list(session.scalars(select(MediaFile).order_by(MediaFile.position, MediaFile.id)))


def media_named(session: Session, name: str) -> MediaFile | None:
    return session.scalars(select(MediaFile).where(MediaFile.name == name)).first()


def media_names(session: Session) -> set[str]:
    return set(session.scalars(select(MediaFile.name)))


def last_position(session: Session) -> int:
    return session.scalar(select(func.max(MediaFile.position))) or 0


def media_bytes(session: Session, name: str, sha256: str) -> bytes | None:
    """The file's bytes, if it still holds exactly the content `sha256` names."""
    return session.scalar(select(MediaFile.data).where(MediaFile.name == name,
                                                       MediaFile.sha256 == sha256))


def playlist_rows(session: Session, zone: str) -> list[MediaFile]:
    """Active media a TV in `zone` plays ("" = a TV of the whole office): those meant for
    every zone, and those meant for this one."""
    shown_everywhere = MediaFile.zone.is_(None)
    where = or_(shown_everywhere, MediaFile.zone == zone) if zone else shown_everywhere
    return list(session.scalars(select(MediaFile).where(MediaFile.active.is_(True), where)
                                .order_by(MediaFile.position, MediaFile.id)))
