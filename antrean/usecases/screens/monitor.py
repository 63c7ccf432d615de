"""The live monitor: who waits now, for how long, and what every loket is doing."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy.orm import Session

from antrean.core.ticket import STATUS_LABELS, priority_label
from antrean.db import event_counts, queries, user_queries
from antrean.db.models import Ticket
from antrean.usecases.context import Office
from antrean.usecases.queue.counter_view import counter_view


def monitor_view(office: Office) -> dict[str, Any]:
    now = office.now()
    day = office.clock.local_day(now)
    with office.read_transaction() as session:
        waiting = _waiting(session, office, day, now)
        counters = _counters(session, office, now)
        calls = event_counts.calls_since(session, now - timedelta(hours=1))
        served = event_counts.finished_on(session, day)
    services = [_service_row(office, code, waiting) for code in
                (s.code for s in office.settings.services)]
    overdue = [t for t in waiting if t["overdue"]]
    return {
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


def _waiting(session: Session, office: Office, day: Any, now: Any) -> list[dict[str, Any]]:
    """Today's waiting tickets, longest wait first, each against its service's target."""
    codes = [s.code for s in office.settings.services]
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
        "target_wait_minutes": service.target_wait_minutes,
        "waiting": len(mine),
        "longest": mine[0] if mine else None,
        "overdue": sum(1 for t in mine if t["overdue"]),
    }


def _counters(session: Session, office: Office, now: Any) -> list[dict[str, Any]]:
    states = queries.counter_states(session)
    users = user_queries.display_names(session)
    at_counters = queries.current_tickets(session)  # one query, however many loket
    rows = []
    for counter in office.settings.counters:
        state = states.get(counter.number)
        current = at_counters.get(counter.number)
        rows.append({
            **counter_view(counter, state),
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
