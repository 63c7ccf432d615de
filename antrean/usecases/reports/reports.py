"""Waiting-time and service-time figures for a period, from daily roll-ups of the event log.

docs/reports.md defines each figure; usecases/reports/rollups.py says where the tallies come
from (stored roll-ups, or the events of days that changed since). Days and hours of day are
the office's local ones.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from antrean.core.days import parse_iso_day
from antrean.core.errors import invalid
from antrean.core.report_tally import (
    ALL,
    ANY_SERVICE,
    COUNTER,
    HOUR,
    PETUGAS,
    PRIORITY,
    Tally,
)
from antrean.core.ticket import PRIORITY_LABELS, Priority
from antrean.db import counter_log
from antrean.db import report_queries as rq
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


def stats(office: Office, first: date, last: date, service: str | None = None) -> dict[str, Any]:
    """Every figure of the period, overall and broken down (see docs/reports.md)."""
    start, _ = office.clock.day_bounds_utc(first)
    _, end = office.clock.day_bounds_utc(last)
    current = rollups.signature(office)
    with office.read_transaction() as session:
        rq.use_one_snapshot(session)
        period = rollups.gather(session, office, first, last, service, current)
        groups = _groups(period, service)
        open_time = counter_log.open_seconds(session, start, min(end, office.now()))
        names = rq.names_of_users(session, [int(key) for key in groups[PETUGAS]])
    report = _report(office, first, last, service, groups)
    report["counters"] = _counters(office, groups[COUNTER], open_time)
    report["petugas"] = _petugas(groups[PETUGAS], names)
    rollups.keep(office, period)
    return report


Groups = dict[str, dict[Any, Tally]]
OVERALL, SERVICES, DAYS = "overall", "services", "days"


def _groups(period: rollups.PeriodTallies, service: str | None) -> Groups:
    """Sum the period's tallies into every breakdown of the report."""
    groups: Groups = {name: {} for name in (OVERALL, SERVICES, DAYS, HOUR, PRIORITY, COUNTER,
                                            PETUGAS)}
    for row in period.days:
        _add(groups[DAYS], row.day, row.tally)
    overall = service or ANY_SERVICE
    for row in period.groups:
        if row.dimension != ALL:
            _add(groups[row.dimension], row.key, row.tally)
            continue
        if row.service == overall:
            _add(groups[OVERALL], None, row.tally)
        if row.service != ANY_SERVICE:
            _add(groups[SERVICES], row.service, row.tally)
    return groups


def _add(group: dict[Any, Tally], key: Any, tally: Tally) -> None:
    total = group.get(key)
    if total is None:
        total = group[key] = Tally()
    total.merge(tally)


def _figures(group: dict[Any, Tally], key: Any) -> dict[str, Any]:
    return group.get(key, Tally()).figures()


def _report(office: Office, first: date, last: date, service: str | None,
            groups: Groups) -> dict[str, Any]:
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
            for s in office.settings.services if service in (None, s.code)
        ],
        "days": [
            {"day": day.isoformat(), **_figures(groups[DAYS], day)}
            for day in (first + timedelta(days=n) for n in range(day_count))
        ],
        "hours": [{"hour": hour, **_figures(groups[HOUR], str(hour))} for hour in range(24)],
        "priorities": [
            {"priority": REGULAR, "label": "Reguler", **_figures(groups[PRIORITY], "")},
            *({"priority": p.value, "label": PRIORITY_LABELS[p],
               **_figures(groups[PRIORITY], p.value)} for p in Priority),
        ],
    }


def _counters(office: Office, counters: dict[Any, Tally],
              open_time: dict[int, int]) -> list[dict[str, Any]]:
    rows = []
    for counter in office.settings.counters:
        own = _figures(counters, str(counter.number))
        opened = open_time.get(counter.number, 0)
        busy = own["service_seconds"]["total"]
        rows.append({"counter": counter.number, "name": counter.name, **own,
                     "open_seconds": opened, "busy_seconds": busy,
                     "idle_seconds": max(opened - busy, 0)})
    return rows


def _petugas(petugas: dict[Any, Tally], names: dict[int, str]) -> list[dict[str, Any]]:
    rows = [{"user_id": int(key), "name": names.get(int(key), f"#{key}"), **tally.figures()}
            for key, tally in petugas.items()]
    return sorted(rows, key=lambda row: names.get(row["user_id"], ""))
