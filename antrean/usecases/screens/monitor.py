"""The live monitor: who waits now, for how long, and what every loket is doing.

The view is sent whole as JSON to the page (/monitor/data.json) and embedded in it on load;
monitor.js reads the shapes below."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TypedDict

from sqlalchemy.orm import Session

from antrean.core.ticket import STATUS_LABELS, priority_label
from antrean.db import event_counts, queries, user_queries
from antrean.db.models import Ticket
from antrean.usecases.agency_scope import counters_in, services_in
from antrean.usecases.context import Office
from antrean.usecases.queue.counter_view import counter_view
from antrean.usecases.shapes import CounterView


class AgencyChoice(TypedDict):
    """An instansi in the monitor's filter (an MPP only)."""

    code: str
    short_name: str
    name: str


class WaitingTicket(TypedDict):
    """A waiting ticket against its service's target; the page ages it every second."""

    number: str
    service: str
    service_name: str
    agency: str | None
    priority_label: str | None
    issued_at: str
    issued_label: str
    waited_seconds: int
    target_seconds: int | None
    overdue: bool


class MonitorService(TypedDict):
    """A service's queue on the monitor."""

    code: str
    name: str
    agency: str
    target_wait_minutes: int | None
    target_label: str  # "target 15 mnt" or "tanpa target"
    waiting: int
    longest: WaitingTicket | None
    overdue: int


class MonitorTicket(TypedDict):
    """The ticket at a loket, and since when it is there."""

    number: str
    service: str
    status: str
    status_label: str
    since: str | None
    since_label: str | None


class MonitorCounter(CounterView):
    """A loket on the monitor: its state, who holds it, its ticket."""

    agency: str
    petugas: str | None
    since_label: str | None
    current: MonitorTicket | None


class MonitorView(TypedDict):
    """The office now, or one agency's part of it."""

    agency_filter: str | None
    agencies: list[AgencyChoice]
    server_time: str
    timezone: str
    zone_name: str
    local_day: str
    clock_label: str
    services: list[MonitorService]
    longest: WaitingTicket | None
    waiting: list[WaitingTicket]
    overdue: list[WaitingTicket]
    counters: list[MonitorCounter]
    calls_last_hour: int
    served_today: int
    waiting_total: int
    takes_bookings: bool


def monitor_view(office: Office, agency: str | None = None) -> MonitorView:
    """The office now, or one agency's (instansi's) services and gerai only."""
    now = office.now()
    day = office.clock.local_day(now)
    chosen = services_in(office, agency)
    codes = [s.code for s in office.settings.services if chosen is None or s.code in chosen]
    with office.read_transaction() as session:
        waiting = _waiting(session, office, codes, day, now)
        counters = _counters(session, office, counters_in(office, agency))
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


def _waiting(session: Session, office: Office, codes: list[str], day: date,
             now: datetime) -> list[WaitingTicket]:
    """Today's waiting tickets of these services, longest wait first, each against its
    service's target."""
    rows: list[WaitingTicket] = []
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
    rows.sort(key=lambda row: row["issued_at"])  # the oldest number waited longest
    return rows


def _service_row(office: Office, code: str, waiting: list[WaitingTicket]) -> MonitorService:
    service = office.settings.service(code)
    assert service is not None
    mine = [t for t in waiting if t["service"] == code]
    return {
        "code": code,
        "name": service.name,
        "agency": service.agency,
        "target_wait_minutes": service.target_wait_minutes,
        "target_label": f"target {service.target_wait_minutes} mnt"
        if service.target_wait_minutes else "tanpa target",
        "waiting": len(mine),
        "longest": mine[0] if mine else None,
        "overdue": sum(1 for t in mine if t["overdue"]),
    }


def _counters(session: Session, office: Office, chosen: frozenset[int] | None
              ) -> list[MonitorCounter]:
    states = queries.counter_states(session)
    users = user_queries.display_names(session)
    at_counters = queries.current_tickets(session)  # one query, however many loket
    rows: list[MonitorCounter] = []
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


def _current(office: Office, ticket: Ticket) -> MonitorTicket:
    since = ticket.started_at or ticket.called_at
    return {
        "number": ticket.number,
        "service": ticket.service_code,
        "status": ticket.status,
        "status_label": STATUS_LABELS[ticket.status],
        "since": since.isoformat() if since else None,
        "since_label": office.clock.format_time(since) if since else None,
    }
