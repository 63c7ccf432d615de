"""The office's uploaded media: images and videos the lobby TVs play, and agency logos.

Files live in the database (media_files). An upload is checked by its bytes (core.media_rules)
and gets a URL-safe name; each change tells the TVs after its commit, so they fetch their
playlist again.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from antrean.core.errors import invalid, not_found
from antrean.core.media_rules import (
    MediaKind,
    check_logo,
    check_media,
    image_seconds,
    is_media_name,
    safe_media_name,
)
from antrean.db import media_queries
from antrean.db.media_models import MediaFile
from antrean.usecases.access import audit
from antrean.usecases.context import Office
from antrean.usecases.events import EventKind, QueueEvent

MEDIA_UPLOADED = "media_uploaded"
MEDIA_CHANGED = "media_changed"
MEDIA_REMOVED = "media_removed"


@dataclass(frozen=True)
class MediaEntry:
    name: str
    kind: MediaKind
    content_type: str
    size: int
    sha256: str
    zone: str | None
    position: int
    active: bool
    seconds: int | None
    created_at: datetime

    @property
    def url(self) -> str:
        return f"/media/{self.name}"


def _entry(row: MediaFile) -> MediaEntry:
    return MediaEntry(name=row.name, kind=row.kind, content_type=row.content_type,
                      size=row.size, sha256=row.sha256, zone=row.zone, position=row.position,
                      active=row.active, seconds=row.seconds, created_at=row.created_at)


def _media_changed(office: Office) -> None:
    office.publish([QueueEvent(EventKind.MEDIA)])


def upload_media(office: Office, filename: str, data: bytes, zone: str | None = None,
                 seconds: object = None, active: bool = True,
                 actor_id: int | None = None, logo: bool = False) -> MediaEntry:
    """`logo`: an agency's logo, which must be an image (core.media_rules.check_logo)."""
    media = check_logo(data) if logo else check_media(data)
    shown_for = image_seconds(seconds) if media.kind is MediaKind.IMAGE else None
    with office.transaction() as session:
        zone = _known_zone(office, zone)
        row = MediaFile(name=safe_media_name(filename, media.extension,
                                             media_queries.media_names(session)),
                        kind=media.kind, content_type=media.content_type, size=len(data),
                        sha256=hashlib.sha256(data).hexdigest(), data=data,
                        created_at=office.now(), uploaded_by=actor_id, zone=zone,
                        position=media_queries.last_position(session) + 1, active=active,
                        seconds=shown_for)
        session.add(row)
        audit.record(session, office, MEDIA_UPLOADED, actor_id, target=row.name,
                     detail=f"{media.content_type}, {len(data)} byte")
        entry = _entry(row)
    _media_changed(office)
    return entry


def _known_zone(office: Office, zone: str | None) -> str | None:
    if not zone:
        return None
    if office.settings.zone(zone) is None:
        raise invalid("unknown_zone", f"Zona '{zone[:32]}' tidak dikenal. Pilih zona dari daftar.")
    return zone


def list_media(office: Office) -> list[MediaEntry]:
    with office.read_transaction() as session:
        return [_entry(row) for row in media_queries.all_media(session)]


def find_media(office: Office, name: str) -> MediaEntry | None:
    """The file served at /media/<name>, active or not (an agency's logo is not played)."""
    if not is_media_name(name):
        return None
    with office.read_transaction() as session:
        row = media_queries.media_named(session, name)
        return _entry(row) if row is not None else None


def media_bytes(office: Office, entry: MediaEntry) -> bytes | None:
    """The bytes of `entry`; None when the file was removed or replaced meanwhile."""
    with office.read_transaction() as session:
        return media_queries.media_bytes(session, entry.name, entry.sha256)


def set_media_active(office: Office, name: str, active: bool,
                     actor_id: int | None = None) -> MediaEntry:
    with office.transaction() as session:
        row = _existing(session, name)
        row.active = active
        audit.record(session, office, MEDIA_CHANGED, actor_id, target=name,
                     detail="aktif" if active else "nonaktif")
        entry = _entry(row)
    _media_changed(office)
    return entry


KEEP: object = object()  # change_media: leave this field as it is


def change_media(office: Office, name: str, zone: object = KEEP, seconds: object = KEEP,
                 actor_id: int | None = None) -> MediaEntry:
    """Where a file plays (a zone; None or "": every TV) and how long an image stays on
    screen (empty: the default), after its upload. A video plays to its end: it takes no
    seconds."""
    with office.transaction() as session:
        row = _existing(session, name)
        changed: list[str] = []
        if zone is not KEEP:
            row.zone = _known_zone(office, _zone_text(zone))
            changed.append(f"zona {row.zone or 'semua'}")
        if seconds is not KEEP:
            row.seconds = _seconds_for(row.kind, seconds)
            changed.append(f"{row.seconds} detik" if row.seconds else "sampai selesai")
        if changed:
            audit.record(session, office, MEDIA_CHANGED, actor_id, target=name,
                         detail=", ".join(changed))
        entry = _entry(row)
    if changed:
        _media_changed(office)
    return entry


def _zone_text(zone: object) -> str | None:
    if zone is None or isinstance(zone, str):
        return zone
    raise invalid("unknown_zone", "Zona harus berupa kode zona dari daftar.")


def _seconds_for(kind: MediaKind, seconds: object) -> int | None:
    if kind is MediaKind.IMAGE:
        return image_seconds(seconds)
    if seconds is None or (isinstance(seconds, str) and not seconds.strip()):
        return None
    raise invalid("seconds_for_images_only",
                  "Lama tampil hanya untuk gambar; video selalu diputar sampai selesai.")


def move_media(office: Office, name: str, step: int, actor_id: int | None = None) -> None:
    """One place earlier (step -1) or later (+1) in the playing order."""
    with office.transaction() as session:
        rows = media_queries.all_media(session)
        row = _existing(session, name)
        at = rows.index(row)
        other = at + (1 if step > 0 else -1)
        if not 0 <= other < len(rows):
            return  # already first or last: nothing to change, nothing to tell the TVs
        rows[at], rows[other] = rows[other], rows[at]
        for position, each in enumerate(rows, start=1):
            each.position = position
        audit.record(session, office, MEDIA_CHANGED, actor_id, target=name,
                     detail=f"urutan {other + 1}")
    _media_changed(office)


def remove_media(office: Office, name: str, actor_id: int | None = None) -> None:
    with office.transaction() as session:
        session.delete(_existing(session, name))
        audit.record(session, office, MEDIA_REMOVED, actor_id, target=name)
    _media_changed(office)


def _existing(session: Session, name: str) -> MediaFile:
    row = media_queries.media_named(session, name)
    if row is None:
        raise not_found("unknown_media", f"Media '{name[:80]}' tidak ditemukan.")
    return row


def playlist(office: Office, zone: str) -> list[dict[str, object]]:
    """What a TV in `zone` plays, in order ("" = a TV of the whole office)."""
    if len(zone) > 32:
        raise invalid("invalid_zone", "Kode zona paling banyak 32 karakter.")
    with office.read_transaction() as session:
        rows = media_queries.playlist_rows(session, zone)
        return [{"name": row.name, "kind": str(row.kind), "url": f"/media/{row.name}",
                 "content_type": row.content_type, "seconds": row.seconds,
                 "version": row.sha256[:16]} for row in rows]
