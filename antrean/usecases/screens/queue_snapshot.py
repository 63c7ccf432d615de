"""The whole office at a glance: what every screen rebuilds itself from."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from antrean.core.clock import format_long_date
from antrean.core.errors import not_found
from antrean.db import queries
from antrean.usecases.context import Office
from antrean.usecases.queue.counters import counter_view
from antrean.usecases.queue.ticket_view import ticket_view
from antrean.usecases.screens.running_text import read_running_text
from antrean.usecases.screens.service_status import service_statuses

RECENT_CALLS = 8


def queue_snapshot(office: Office) -> dict[str, Any]:
    with office.transaction() as session:
        return build_snapshot(session, office)


def build_snapshot(session: Session, office: Office) -> dict[str, Any]:
    now = office.now()
    day = office.clock.local_day(now)
    states = queries.counter_states(session)
    counters = []
    for counter in office.settings.counters:
        current = queries.current_ticket_at(session, counter.number)
        counters.append({
            **counter_view(counter, states.get(counter.number)),
            "current": ticket_view(session, office, current, with_position=False)
            if current else None,
        })
    recent = [
        {"number": t.number, "counter": t.counter_number, "service": t.service_code,
         "status": t.status, "called_at": t.called_at.isoformat() if t.called_at else None}
        for t in queries.recent_calls(session, day, RECENT_CALLS)
    ]
    return {
        "office": {
            "name": office.settings.office.name,
            "timezone": office.settings.office.timezone,
            "zone_name": office.clock.zone_name,
            "date_label": format_long_date(day),
            "counter_word": office.settings.office.counter_word,
        },
        "server_time": now.isoformat(),
        "local_day": day.isoformat(),
        "services": service_statuses(session, office),
        "counters": counters,
        "recent_calls": recent,
        "running_text": read_running_text(session, office),
    }


def lookup_ticket(office: Office, public_id: str) -> dict[str, Any]:
    with office.transaction() as session:
        ticket = queries.ticket_by_public_id(session, public_id)
        if ticket is None:
            raise not_found("ticket_not_found", "Tiket tidak ditemukan.")
        return ticket_view(session, office, ticket)
