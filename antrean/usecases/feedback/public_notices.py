"""The office-wide notices the kepala edits in /admin: the maklumat pelayanan and the
facilities for kelompok rentan. Every version is kept; config.toml gives version 1.

What pages read is typed (Maklumat, the facilities as a tuple, NoticeVersionView). A version's
content stays `dict[str, Any]`: it is the JSON body stored in the notice_versions row, passed
through as written ({"text", "signatory"} or {"items"}) and read with defaults."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.exc import IntegrityError

from antrean.core.errors import conflict, invalid
from antrean.db import notice_queries
from antrean.db.publication_models import NoticeVersion
from antrean.usecases.access import audit
from antrean.usecases.context import Office

MAKLUMAT = "maklumat"
FACILITIES = "facilities"
NOTICE_CHANGED = "notice_changed"
MAX_MAKLUMAT = 3000
MAX_FACILITIES = 30


@dataclass(frozen=True)
class Maklumat:
    text: str
    signatory: str  # who signs it, e.g. "Camat Martapura"


@dataclass(frozen=True)
class NoticeVersionView:
    version: int
    content: dict[str, Any]  # the stored JSON body, as written (see the module's docstring)
    saved_at: datetime | None
    saved_by: str


def current_maklumat(office: Office) -> Maklumat:
    content = _current(office, MAKLUMAT).content
    return Maklumat(str(content.get("text", "")), str(content.get("signatory", "")))


def current_facilities(office: Office) -> tuple[str, ...]:
    return tuple(str(item) for item in _current(office, FACILITIES).content.get("items", []))


def notice_history(office: Office, kind: str) -> list[NoticeVersionView]:
    with office.read_transaction() as session:
        rows = notice_queries.history(session, kind)
        history = [NoticeVersionView(r.version, json.loads(r.content), r.created_at,
                                     name or "config.toml") for r, name in rows]
    return history or [_seed(office, kind)]


def current_version(office: Office, kind: str) -> int:
    return _current(office, kind).version


def save_maklumat(office: Office, text: str, signatory: str, base_version: int,
                  actor_id: int | None) -> int:
    text = text.strip().replace("\r\n", "\n")
    if not text or len(text) > MAX_MAKLUMAT:
        raise invalid("invalid_maklumat", f"Isi maklumat pelayanan wajib diisi, paling banyak "
                      f"{MAX_MAKLUMAT} karakter.")
    content = {"text": text, "signatory": " ".join(signatory.split())[:200]}
    return _save(office, MAKLUMAT, content, base_version, actor_id)


def save_facilities(office: Office, lines: str, base_version: int,
                    actor_id: int | None) -> int:
    items = [" ".join(line.split())[:200] for line in lines.splitlines() if line.strip()]
    if len(items) > MAX_FACILITIES:
        raise invalid("too_many_facilities", f"Paling banyak {MAX_FACILITIES} fasilitas.")
    return _save(office, FACILITIES, {"items": items}, base_version, actor_id)


def _current(office: Office, kind: str) -> NoticeVersionView:
    return notice_history(office, kind)[0]


def _seed(office: Office, kind: str) -> NoticeVersionView:
    notices = office.settings.notices
    content: dict[str, Any] = (  # the body as it will be stored
        {"text": notices.maklumat, "signatory": notices.maklumat_signatory}
        if kind == MAKLUMAT else {"items": list(notices.facilities)})
    return NoticeVersionView(1, content, None, "config.toml")


def _save(office: Office, kind: str, content: dict[str, Any], base_version: int,
          actor_id: int | None) -> int:  # content: the JSON body to store
    meanwhile = conflict("notice_changed_meanwhile", "Isian ini baru saja diubah oleh orang "
                         "lain. Muat ulang halaman, lalu simpan lagi.")
    try:
        with office.transaction() as session:
            current = notice_queries.latest_version(session, kind)
            if max(current, 1) != base_version:
                raise meanwhile
            if current == 0:
                session.add(_row(office, kind, 1, _seed(office, kind).content, None))
                current = 1
            session.add(_row(office, kind, current + 1, content, actor_id))
            session.flush()
            audit.record(session, office, NOTICE_CHANGED, actor_id, target=kind,
                         detail=f"versi {current + 1}")
    except IntegrityError as exc:
        raise meanwhile from exc
    return current + 1


def _row(office: Office, kind: str, version: int, content: dict[str, Any],
         actor_id: int | None) -> NoticeVersion:  # content: the JSON body to store
    return NoticeVersion(kind=kind, version=version, content=json.dumps(content),
                         created_at=office.now(), created_by=actor_id)
