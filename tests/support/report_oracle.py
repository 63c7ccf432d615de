"""The report worked out independently, in plain Python, from the raw logs.

Follows docs/reports.md literally: read every ticket event and loket state change, group the
events by ticket, apply the definitions, sort the durations and take exact percentiles with
core.statistics. Slow and obvious, so it can judge the roll-ups.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from antrean.core.statistics import percentile
from antrean.core.ticket import PRIORITY_LABELS, Priority
from antrean.db.booking_models import Booking
from antrean.db.counter_log_models import CounterStateChange
from antrean.db.models import TicketEvent, User
from antrean.usecases.context import Office

EXACT_WITHIN = 10  # seconds: how far a median or p90 may be from the exact value


def within_10_s(exact: float | None) -> Any:
    """Medians and p90s come from 20 s histograms: within 10 s of the exact value."""
    return None if exact is None else pytest.approx(exact, abs=EXACT_WITHIN)


@dataclass
class Ticket:
    day: date
    hour: int
    service: str
    priority: str
    counter: int | None
    user: int | None
    wait: int | None
    service_time: int | None
    within: bool | None
    served: bool
    no_show: bool
    cancelled: bool
    transferred: bool
    cancelled_by_citizen: bool = False
    priority_confirmed: bool = False
    priority_removed: bool = False
    booked: bool = False


def oracle_stats(office: Office, first: date, last: date,
                 service: str | None = None, agency: str | None = None) -> dict[str, Any]:
    settings = office.settings
    codes = None if service is None and agency is None else {
        s.code for s in settings.services
        if service in (None, s.code) and agency in (None, s.agency)}
    with office.read_transaction() as session:
        events = session.scalars(select(TicketEvent).order_by(TicketEvent.id)).all()
        changes = session.scalars(select(CounterStateChange)
                                  .order_by(CounterStateChange.at, CounterStateChange.id)).all()
        names = {u.id: u.display_name or u.username for u in session.scalars(select(User))}
        booked = {b.ticket_id for b in session.scalars(select(Booking))
                  if b.ticket_id is not None}
        bookings = [b for b in session.scalars(select(Booking))
                    if first <= b.local_day <= last and (codes is None or b.service_code in codes)]
        tickets = _tickets(office, events, booked)
        changes_by_counter: dict[int, list[tuple[int, str]]] = {}
        for change in changes:
            changes_by_counter.setdefault(change.counter_number, []).append(
                (_second(change.at), change.state))
    chosen = [t for t in tickets
              if first <= t.day <= last and (codes is None or t.service in codes)]
    start, _ = office.clock.day_bounds_utc(first)
    _, end = office.clock.day_bounds_utc(last)
    window = (_second(start), _second(min(end, office.now())))
    days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    report: dict[str, Any] = {
        "from": first.isoformat(), "to": last.isoformat(),
        "timezone": settings.office.timezone, "service_filter": service,
        "agency_filter": agency,
        "overall": _figures(chosen),
        "services": [{"service": s.code, "name": s.name,
                      "target_wait_minutes": s.target_wait_minutes,
                      **_figures([t for t in chosen if t.service == s.code])}
                     for s in settings.services if codes is None or s.code in codes],
        "days": [{"day": d.isoformat(), **_figures([t for t in chosen if t.day == d])}
                 for d in days],
        "hours": [{"hour": h, **_figures([t for t in chosen if t.hour == h])}
                  for h in range(24)],
        "priorities": [{"priority": "reguler", "label": "Reguler",
                        **_figures([t for t in chosen if not t.priority])},
                       *({"priority": p.value, "label": PRIORITY_LABELS[p],
                          **_figures([t for t in chosen if t.priority == p.value])}
                         for p in Priority)],
        "arrivals": [{"arrival": "booking", "label": "Booking online",
                      **_figures([t for t in chosen if t.booked])},
                     {"arrival": "walk_in", "label": "Datang langsung",
                      **_figures([t for t in chosen if not t.booked])}],
    }
    report["counters"] = []
    for counter in settings.counters:
        if agency not in (None, counter.agency):
            continue
        own = _figures([t for t in chosen if t.counter == counter.number])
        opened = _open_seconds(changes_by_counter.get(counter.number, []), *window)
        busy = own["service_seconds"]["total"]
        report["counters"].append({"counter": counter.number, "name": counter.name, **own,
                                   "open_seconds": opened, "busy_seconds": busy,
                                   "idle_seconds": max(opened - busy, 0)})
    users = sorted({t.user for t in chosen if t.user is not None},
                   key=lambda u: names.get(u, ""))
    report["petugas"] = [{"user_id": u, "name": names.get(u, f"#{u}"),
                          **_figures([t for t in chosen if t.user == u])} for u in users]
    statuses = [b.status for b in bookings]
    report["bookings"] = {"made": len(statuses), "checked_in": statuses.count("checked_in"),
                          "no_show": statuses.count("no_show"),
                          "cancelled": statuses.count("cancelled"),
                          "booked": statuses.count("booked")}
    return report


def _second(moment: datetime) -> int:
    return int(moment.timestamp() // 1)


def _tickets(office: Office, events: Any, booked: set[int]) -> list[Ticket]:
    by_ticket: dict[int, list[Any]] = {}
    for event in events:
        by_ticket.setdefault(event.ticket_id, []).append(event)
    targets = {s.code: s.target_wait_minutes * 60 for s in office.settings.services
               if s.target_wait_minutes}
    tickets = []
    for own in by_ticket.values():
        issue = next((e for e in own if e.event == "issue"), None)
        if issue is None:
            continue

        def times(name: str, own: list[Any] = own) -> list[int]:
            return [_second(e.at) for e in own if e.event == name]

        issued, calls = _second(issue.at), times("call")
        wait = min(calls) - issued if calls else None
        starts, finishes = times("start"), times("finish")
        closing = [e for e in own if e.event in ("finish", "no_show")]
        target = targets.get(issue.service_code)
        tickets.append(Ticket(
            day=issue.local_day, hour=office.clock.local(issue.at).hour,
            service=issue.service_code, priority=issue.detail or "",
            counter=closing[-1].counter_number if closing else None,
            user=closing[-1].user_id if closing else None,
            wait=wait,
            service_time=max(finishes) - max(starts) if starts and finishes else None,
            within=None if target is None or wait is None else wait <= target,
            served=bool(finishes), no_show=bool(times("no_show")),
            cancelled=bool(times("cancel")), transferred=bool(times("transfer")),
            cancelled_by_citizen=any(e.event == "cancel" and e.detail == "warga" for e in own),
            priority_confirmed=bool(times("priority_confirm")),
            priority_removed=bool(times("priority_remove")),
            booked=issue.ticket_id in booked,
        ))
    return tickets


def _figures(tickets: list[Ticket]) -> dict[str, Any]:
    judged = [t.within for t in tickets if t.within is not None]
    return {
        "issued": len(tickets),
        "served": sum(t.served for t in tickets),
        "no_show": sum(t.no_show for t in tickets),
        "cancelled": sum(t.cancelled for t in tickets),
        "transferred": sum(t.transferred for t in tickets),
        "cancelled_by_citizen": sum(t.cancelled_by_citizen for t in tickets),
        "priority_confirmed": sum(t.priority_confirmed for t in tickets),
        "priority_removed": sum(t.priority_removed for t in tickets),
        "waiting_seconds": _summary([t.wait for t in tickets if t.wait is not None]),
        "service_seconds": _summary([t.service_time for t in tickets
                                     if t.service_time is not None]),
        "within_target_share": round(sum(judged) / len(judged), 4) if judged else None,
    }


def _summary(values: list[int]) -> dict[str, Any]:
    if not values:
        return {"count": 0, "mean": None, "median": None, "p90": None, "max": None, "total": 0}
    ordered = sorted(values)
    return {"count": len(values), "mean": round(sum(values) / len(values), 2),
            "median": round(percentile(ordered, 0.5), 2),
            "p90": round(percentile(ordered, 0.9), 2), "max": float(ordered[-1]),
            "total": sum(values)}


def _open_seconds(changes: list[tuple[int, str]], low: int, high: int) -> int:
    total = 0
    for index, (since, state) in enumerate(changes):
        until = changes[index + 1][0] if index + 1 < len(changes) else high
        if state == "open":
            total += max(0, min(until, high) - max(since, low))
    return total


def assert_same_report(got: dict[str, Any], exact: dict[str, Any], path: str = "") -> None:
    """Equal everywhere, except medians and p90s: within 10 s of the exact value."""
    if isinstance(exact, dict):
        assert isinstance(got, dict) and got.keys() == exact.keys(), path
        for key in exact:
            if key in ("median", "p90") and exact[key] is not None:
                assert got[key] == within_10_s(exact[key]), f"{path}.{key}"
            else:
                assert_same_report(got[key], exact[key], f"{path}.{key}")
    elif isinstance(exact, list):
        assert isinstance(got, list) and len(got) == len(exact), path
        for index, (mine, theirs) in enumerate(zip(got, exact, strict=True)):
            assert_same_report(mine, theirs, f"{path}[{index}]")
    else:
        assert got == exact, f"{path}: {got!r} != {exact!r}"
