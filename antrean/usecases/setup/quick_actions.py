"""The kepala's quick actions: close a service for now, more quota today, an extra loket."""

from __future__ import annotations

from typing import Any

from antrean.core.errors import not_found
from antrean.core.scope import within
from antrean.core.setup_rules import extra_quota, next_counter_number, pause_reason
from antrean.db import setup_store
from antrean.db.live_setup_models import SetupService
from antrean.usecases.context import Office
from antrean.usecases.setup.change import setup_change
from antrean.usecases.setup.editing import save_counter

SERVICE_PAUSED = "service_paused"
SERVICE_RESUMED = "service_resumed"
QUOTA_ADDED = "quota_added_today"


def pause_service(office: Office, code: str, reason: object,
                  actor_id: int | None = None) -> None:
    """'Tutup layanan sementara': no new numbers, with the reason on kiosk and TV; the numbers
    already taken are still called and served."""
    text = pause_reason(reason)
    with setup_change(office) as change:
        row = _row(change.stored, code)
        before, row.paused_reason = row.paused_reason, text
        change.services.add(code)
        change.record(SERVICE_PAUSED, code, before, text, actor_id)


def resume_service(office: Office, code: str, actor_id: int | None = None) -> None:
    with setup_change(office) as change:
        row = _row(change.stored, code)
        before, row.paused_reason = row.paused_reason, None
        change.services.add(code)
        change.record(SERVICE_RESUMED, code, before, None, actor_id)


def add_quota_today(office: Office, code: str, amount: object,
                    actor_id: int | None = None) -> int:
    """'Tambah kuota hari ini': more numbers today only; returns today's whole quota."""
    with setup_change(office) as change:
        row = _row(change.stored, code)
        base_quota = setup_store.definition(row).get("daily_quota")
        added = extra_quota(amount, base_quota)
        before = setup_store.today_extra(row, change.today)
        row.extra_quota, row.extra_quota_day = before + added, change.today
        change.services.add(code)
        change.record(QUOTA_ADDED, code, before, row.extra_quota, actor_id)
        total = added + before + int(base_quota or 0)
    return total


def open_extra_counter(office: Office, name: str = "", services: list[str] | None = None,
                       actor_id: int | None = None, scope: str | None = None) -> dict[str, Any]:
    """'Buka loket tambahan': the next free number, serving every service (of the agency of
    an agency admin: `scope`) unless told."""
    with office.transaction():  # the set-up as the database holds it now
        settings = office.settings
    number = next_counter_number(c.number for c in settings.counters)
    word = settings.office.counter_word.capitalize()
    return save_counter(office, None, {
        "number": number, "name": name.strip() or f"{word} {number}",
        "services": services or [s.code for s in settings.services
                                 if within(scope, s.agency)],
    }, actor_id, scope)


def _row(stored: setup_store.StoredSetup, code: str) -> SetupService:
    row = next((row for row in stored.services if row.code == code), None)
    if row is None:
        raise not_found("unknown_service", f"Layanan '{code}' tidak dikenal.")
    return row
