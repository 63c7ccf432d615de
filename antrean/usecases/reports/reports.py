"""Waiting-time and service-time figures for a period, from daily roll-ups of the event log.

docs/reports.md defines each figure; usecases/reports/rollups.py says where the tallies come
from (stored roll-ups, or the events of days that changed since). Days and hours of day are
the office's local ones.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, TypedDict

from antrean.core.days import parse_iso_day
from antrean.core.errors import invalid
from antrean.core.report_tally import (
    ALL,
    ANY_SERVICE,
    ARRIVAL,
    BOOKING,
    COUNTER,
    HOUR,
    PETUGAS,
    PRIORITY,
    WALK_IN,
    Figures,
    Tally,
)
from antrean.core.ticket import PRIORITY_LABELS, Priority
from antrean.db import booking_queries, counter_log
from antrean.db import report_queries as rq
from antrean.usecases.agency_scope import counters_in, services_in
from antrean.usecases.context import Office
from antrean.usecases.reports import rollups

MAX_PERIOD_DAYS = 366 * 2
REGULAR = "reguler"


def parse_period(start: str | None, end: str | None, today: date) -> tuple[date, date]:
    first = parse_iso_day(start) if start else today
    last = parse_iso_day(end) if end else first
    if last < first:
        raise invalid("invalid_period", "Tanggal akhir harus sama atau setelah tanggal awal.")
    if (last - first) > timedelta(days=MAX_PERIOD_DAYS):
        raise invalid("period_too_long", "Rentang laporan paling panjang dua tahun.")
    return first, last


def parse_service(office: Office, code: str | None) -> str | None:
    if not code:
        return None
    if office.settings.service(code) is None:
        raise invalid("unknown_service", f"Layanan '{code}' tidak dikenal.")
    return code


class ServiceFigures(Figures):
    service: str
    name: str
    target_wait_minutes: int | None


class DayFigures(Figures):
    day: str


class HourFigures(Figures):
    hour: int  # of the office's day, 0..23


class PriorityFigures(Figures):
    priority: str  # a Priority value, or "reguler"
    label: str


class ArrivalFigures(Figures):
    arrival: str  # booking or walk-in
    label: str


class CounterFigures(Figures):
    counter: int
    name: str
    open_seconds: int
    busy_seconds: int  # serving
    idle_seconds: int  # open but serving no one


class PetugasFigures(Figures):
    user_id: int
    name: str


class Bookings(TypedDict):
    """Bookings for days of the period, by what became of them."""

    made: int
    checked_in: int
    no_show: int
    cancelled: int
    booked: int


# "from" is a Python keyword: the class syntax cannot declare it.
ReportPeriod = TypedDict("ReportPeriod", {
    "from": str,
    "to": str,
    "timezone": str,
    "service_filter": str | None,
    "overall": Figures,
    "services": list[ServiceFigures],
    "days": list[DayFigures],
    "hours": list[HourFigures],
    "priorities": list[PriorityFigures],
    "arrivals": list[ArrivalFigures],  # numbers from a booking's check-in beside walk-ins
})


class Report(ReportPeriod):
    """Every figure of a period (GET /api/v1/stats, /laporan and its downloads)."""

    agency_filter: str | None
    bookings: Bookings
    counters: list[CounterFigures]
    petugas: list[PetugasFigures]


def stats(office: Office, first: date, last: date, service: str | None = None,
          agency: str | None = None) -> Report:
    """Every figure of the period, overall and broken down (see docs/reports.md): of the
    whole office, or of one agency's services (an agency adds up its services' roll-ups)."""
    services = services_in(office, agency, service)
    start, _ = office.clock.day_bounds_utc(first)
    _, end = office.clock.day_bounds_utc(last)
    current = rollups.signature(office)
    with office.read_transaction(one_snapshot=True) as session:
        period = rollups.gather(session, office, first, last, services, current)
        groups = _groups(period, services)
        open_time = counter_log.open_seconds(session, start, min(end, office.now()))
        names = rq.names_of_users(session, [int(key) for key in groups[PETUGAS]])
        bookings = booking_queries.status_counts(session, first, last, services)
    report: Report = {
        **_report(office, first, last, service, groups, services),
        "agency_filter": agency,
        "bookings": _bookings(bookings),
        "counters": _counters(office, groups[COUNTER], open_time, counters_in(office, agency)),
        "petugas": _petugas(groups[PETUGAS], names),
    }
    rollups.keep(office, period)
    return report


Groups = dict[str, dict[Any, Tally]]
OVERALL, SERVICES, DAYS = "overall", "services", "days"


def _groups(period: rollups.PeriodTallies, services: frozenset[str] | None) -> Groups:
    """Sum the period's tallies into every breakdown of the report: of all services (their
    ANY_SERVICE rows), or the sum of the chosen services' rows."""
    groups: Groups = {name: {} for name in (OVERALL, SERVICES, DAYS, HOUR, PRIORITY, COUNTER,
                                            PETUGAS, ARRIVAL)}
    for row in period.days:
        _add(groups[DAYS], row.day, row.tally)
    for row in period.groups:
        if row.dimension != ALL:
            _add(groups[row.dimension], row.key, row.tally)
            continue
        if (row.service == ANY_SERVICE) if services is None else (row.service in services):
            _add(groups[OVERALL], None, row.tally)
        if row.service != ANY_SERVICE:
            _add(groups[SERVICES], row.service, row.tally)
    return groups


def _add(group: dict[Any, Tally], key: Any, tally: Tally) -> None:
    total = group.get(key)
    if total is None:
        total = group[key] = Tally()
    total.merge(tally)


def _figures(group: dict[Any, Tally], key: Any) -> Figures:
    return group.get(key, Tally()).figures()


def _report(office: Office, first: date, last: date, service: str | None,
            groups: Groups, services: frozenset[str] | None) -> ReportPeriod:
    day_count = (last - first).days + 1
    return {
        "from": first.isoformat(),
        "to": last.isoformat(),
        "timezone": office.settings.office.timezone,
        "service_filter": service,
        "overall": _figures(groups[OVERALL], None),
        "services": [
            {"service": s.code, "name": s.name, "target_wait_minutes": s.target_wait_minutes,
             **_figures(groups[SERVICES], s.code)}
            for s in office.settings.services if services is None or s.code in services
        ],
        "days": [
            {"day": day.isoformat(), **_figures(groups[DAYS], day)}
            for day in (first + timedelta(days=n) for n in range(day_count))
        ],
        "hours": [{"hour": hour, **_figures(groups[HOUR], str(hour))} for hour in range(24)],
        "priorities": [
            _priority_row(REGULAR, "Reguler", groups[PRIORITY], ""),
            *(_priority_row(p.value, PRIORITY_LABELS[p], groups[PRIORITY], p.value)
              for p in Priority),
        ],
        "arrivals": [
            {"arrival": BOOKING, "label": "Booking online", **_figures(groups[ARRIVAL], BOOKING)},
            {"arrival": WALK_IN, "label": "Datang langsung",
             **_figures(groups[ARRIVAL], WALK_IN)},
        ],
    }


def _priority_row(priority: str, label: str, group: dict[Any, Tally],
                  key: str) -> PriorityFigures:
    return {"priority": priority, "label": label, **_figures(group, key)}


def _bookings(counts: dict[str, int]) -> Bookings:
    """Bookings for days of the period, by what became of them. A booking whose check-in
    window closed but the sweep has not reached yet is still `booked` for a moment."""
    made = sum(counts.values())
    return {"made": made, "checked_in": counts.get("checked_in", 0),
            "no_show": counts.get("no_show", 0), "cancelled": counts.get("cancelled", 0),
            "booked": counts.get("booked", 0)}


def _counters(office: Office, counters: dict[Any, Tally], open_time: dict[int, int],
              chosen: frozenset[int] | None) -> list[CounterFigures]:
    rows: list[CounterFigures] = []
    for counter in office.settings.counters:
        if chosen is not None and counter.number not in chosen:
            continue
        own = _figures(counters, str(counter.number))
        opened = open_time.get(counter.number, 0)
        busy = own["service_seconds"]["total"]
        rows.append({"counter": counter.number, "name": counter.name, **own,
                     "open_seconds": opened, "busy_seconds": busy,
                     "idle_seconds": max(opened - busy, 0)})
    return rows


def _petugas(petugas: dict[Any, Tally], names: dict[int, str]) -> list[PetugasFigures]:
    rows: list[PetugasFigures] = [
        {"user_id": int(key), "name": names.get(int(key), f"#{key}"), **tally.figures()}
        for key, tally in petugas.items()]
    return sorted(rows, key=lambda row: names.get(row["user_id"], ""))
