"""Service standards as versions: the kepala edits them in /admin (no restart), every version
is kept with who saved it and when, and the highest version is what /layanan publishes.

config.toml gives version 1. It is stored only when the first edit is saved, so until then
the file stays the source and a changed file shows at the next start.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from antrean.config import ServiceSettings
from antrean.core.errors import conflict, not_found
from antrean.core.service_standard import ServiceStandard
from antrean.db import standard_queries
from antrean.db.standard_models import StandardVersion
from antrean.usecases.access import audit
from antrean.usecases.context import Office

STANDARD_CHANGED = "standard_changed"
FROM_CONFIG = "config.toml"


@dataclass(frozen=True)
class StandardVersionView:
    service_code: str
    version: int
    standard: ServiceStandard
    saved_at: datetime | None  # None: version 1 read from config.toml, not stored yet
    saved_by: str  # username, or "config.toml"


def seed_standard(service: ServiceSettings) -> ServiceStandard:
    """Version 1: the standard as config.toml writes it."""
    given = service.standard
    return ServiceStandard(
        requirements=given.requirements, procedure=given.procedure,
        time_to_complete=given.time_to_complete, cost=given.cost, product=given.product,
        complaints=given.complaints, legal_basis=given.legal_basis,
        description=given.description, service_hours=given.service_hours,
        sk_number=given.sk_number, sk_date=given.sk_date, **dict(given.internal),
    )


def current_standards(office: Office) -> dict[str, StandardVersionView]:
    """The current version of every configured service, in one query."""
    with office.read_transaction() as session:
        rows = standard_queries.latest_per_service(session)
        stored = {row.service_code: _view(row, username) for row, username in rows}
    return {s.code: stored.get(s.code) or _config_view(s) for s in office.settings.services}


def current_standard(office: Office, code: str) -> StandardVersionView:
    return current_standards(office)[_service(office, code).code]


def standard_history(office: Office, code: str) -> list[StandardVersionView]:
    """Every version, newest first; version 1 from the config when nothing is stored."""
    service = _service(office, code)
    with office.read_transaction() as session:
        rows = standard_queries.history(session, code)
        history = [_view(row, username) for row, username in rows]
    return history or [_config_view(service)]


def save_standard(office: Office, code: str, standard: ServiceStandard, base_version: int,
                  actor_id: int | None) -> int:
    """Store `standard` as the next version; `base_version` is the one the editor started
    from, so an edit made meanwhile by someone else is never silently overwritten."""
    service = _service(office, code)
    try:
        with office.transaction() as session:
            current = standard_queries.latest_version(session, code)
            if max(current, 1) != base_version:
                raise conflict("standard_changed_meanwhile", _MEANWHILE)
            if current == 0:
                _store(session, office, code, 1, seed_standard(service), None)
                current = 1
            _store(session, office, code, current + 1, standard, actor_id)
            audit.record(session, office, STANDARD_CHANGED, actor_id, target=code,
                         detail=f"versi {current + 1}; SK {standard.sk_number or '-'}")
    except IntegrityError as exc:  # a save that raced this one took the number
        raise conflict("standard_changed_meanwhile", _MEANWHILE) from exc
    return current + 1


_MEANWHILE = ("Standar ini baru saja diubah oleh orang lain. Muat ulang halaman, periksa "
              "versi terbaru, lalu simpan lagi.")


def _store(session: Session, office: Office, code: str, version: int,
           standard: ServiceStandard, actor_id: int | None) -> None:
    session.add(StandardVersion(
        service_code=code, version=version, content=json.dumps(standard.to_json()),
        sk_number=standard.sk_number, sk_date=standard.sk_date, created_at=office.now(),
        created_by=actor_id))
    session.flush()


def _service(office: Office, code: str) -> ServiceSettings:
    service = office.settings.service(code)
    if service is None:
        raise not_found("unknown_service", "Layanan tidak ditemukan.")
    return service


def _view(row: StandardVersion, username: str | None) -> StandardVersionView:
    return StandardVersionView(row.service_code, row.version,
                               ServiceStandard.from_json(json.loads(row.content)),
                               row.created_at, username or FROM_CONFIG)


def _config_view(service: ServiceSettings) -> StandardVersionView:
    return StandardVersionView(service.code, 1, seed_standard(service), None, FROM_CONFIG)
