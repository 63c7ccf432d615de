"""The live monitor: who waits now, for how long, and what every loket is doing."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy.orm import Session

from antrean.core.ticket import STATUS_LABELS, priority_label
from antrean.db import event_counts, queries, user_queries
from antrean.db.models import Ticket
from antrean.usecases.agency_scope import counters_in, services_in
from antrean.usecases.context import Office
from antrean.usecases.queue.counter_view import counter_view


def monitor_view(office: Office, agency: str | None = None) -> dict[str, Any]:
    """The office now, or one agency's (instansi's) services and gerai only."""
    now = office.now()
    day = office.clock.local_day(now)
    chosen = services_in(office, agency)
    codes = [s.code for s in office.settings.services if chosen is None or s.code in chosen]
    with office.read_transaction() as session:
        waiting = _waiting(session, office, codes, day, now)
        counters = _counters(session, office, now, counters_in(office, agency))
        calls = event_counts.calls_since(session, now - timedelta(hours=1), chosen)
        served = event_counts.finished_on(session, day, chosen)
    services = [_service_row(office, code, waiting) for code in codes]
    overdue = [t for t in waiting if t["overdue"]]
    return {
        "agency_filter": agency,
        # The filter's choices, for an MPP only: a single office shows no agency at all.
        "agencies": [{"code": a.code, "short_name": a.short_name, "name": a.name}
                     for a in office.settings.agencies] if office.settings.has_agencies else [],
        "server_time": now.isoformat(),
        "timezone": office.settings.office.timezone,
        "zone_name": office.clock.zone_name,
        "local_day": day.isoformat(),
        "clock_label": office.clock.format_time(now),
        "services": services,
        "longest": waiting[0] if waiting else None,
        "waiting": waiting,
        "overdue": overdue,
        "counters": counters,
        "calls_last_hour": calls,
        "served_today": served,
        "waiting_total": len(waiting),
        "takes_bookings": any(s.booking for s in office.settings.services),
    }


def _waiting(session: Session, office: Office, codes: list[str], day: Any,
             now: Any) -> list[dict[str, Any]]:
    """Today's waiting tickets of these services, longest wait first, each against its
    service's target."""
    rows = []
    for ticket in queries.waiting_tickets(session, codes, day):
        service = office.settings.service(ticket.service_code)
        target = service.target_wait_minutes * 60 if service and service.target_wait_minutes \
            else None
        waited = int((now - ticket.issued_at).total_seconds())
        rows.append({
            "number": ticket.number,
            "service": ticket.service_code,
            "service_name": service.name if service else ticket.service_code,
            "agency": service.agency if service else None,
            "priority_label": priority_label(ticket.priority),
            "issued_at": ticket.issued_at.isoformat(),
            "issued_label": office.clock.format_time(ticket.issued_at),
            "waited_seconds": waited,
            "target_seconds": target,
            "overdue": target is not None and waited > target,
        })
    rows.sort(key=lambda row: str(row["issued_at"]))  # the oldest number waited longest
    return rows


def _service_row(office: Office, code: str, waiting: list[dict[str, Any]]) -> dict[str, Any]:
    service = office.settings.service(code)
    assert service is not None
    mine = [t for t in waiting if t["service"] == code]
    return {
        "code": code,
        "name": service.name,
        "agency": service.agency,
        "target_wait_minutes": service.target_wait_minutes,
        "waiting": len(mine),
        "longest": mine[0] if mine else None,
        "overdue": sum(1 for t in mine if t["overdue"]),
    }


def _counters(session: Session, office: Office, now: Any,
              chosen: frozenset[int] | None) -> list[dict[str, Any]]:
    states = queries.counter_states(session)
    users = user_queries.display_names(session)
    at_counters = queries.current_tickets(session)  # one query, however many loket
    rows = []
    for counter in office.settings.counters:
        if chosen is not None and counter.number not in chosen:
            continue
        state = states.get(counter.number)
        current = at_counters.get(counter.number)
        rows.append({
            **counter_view(counter, state),
            "agency": counter.agency,
            "petugas": users.get(state.user_id) if state and state.user_id else None,
            "since_label": office.clock.format_time(state.changed_at)
            if state and state.changed_at else None,
            "current": _current(office, current) if current else None,
        })
    return rows


def _current(office: Office, ticket: Ticket) -> dict[str, Any]:
    since = ticket.started_at or ticket.called_at
    return {
        "number": ticket.number,
        "service": ticket.service_code,
        "status": ticket.status,
        "status_label": STATUS_LABELS[ticket.status],
        "since": since.isoformat() if since else None,
        "since_label": office.clock.format_time(since) if since else None,
    }
