"""Waiting-time and service-time figures for a period, read from the ticket event log.

Every figure is computed in the database (antrean/db/report_queries.py); docs/reports.md
defines each one. Days and hours of day are the office's local ones.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy.orm import Session

from antrean.core.clock import utc_offset_segments
from antrean.core.errors import invalid
from antrean.core.statistics import mean
from antrean.core.ticket import PRIORITY_LABELS, Priority
from antrean.db import counter_log
from antrean.db import report_queries as rq
from antrean.usecases.context import Office

MAX_PERIOD_DAYS = 366 * 2
REGULAR = "reguler"


def parse_period(start: str | None, end: str | None, today: date) -> tuple[date, date]:
    try:
        first = date.fromisoformat(start) if start else today
        last = date.fromisoformat(end) if end else first
    except ValueError as exc:
        raise invalid("invalid_date", "Tanggal harus berformat YYYY-MM-DD.") from exc
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
    where = rq.FactFilter(
        first=first, last=last,
        offsets=utc_offset_segments(office.settings.office.timezone, start, end),
        targets={s.code: s.target_wait_minutes * 60 for s in office.settings.services
                 if s.target_wait_minutes},
        service=service,
    )
    with office.read_transaction() as session:
        rq.build_facts(session, where)
        try:
            report = _report(session, office, first, last, service)
            open_time = counter_log.open_seconds(session, start, min(end, office.now()))
            report["counters"] = _counters(office, _figures_by(session, "counters"), open_time)
            report["petugas"] = _petugas(session, _figures_by(session, "petugas"))
        finally:
            rq.drop_facts(session)
    return report


def _report(session: Session, office: Office, first: date, last: date,
            service: str | None) -> dict[str, Any]:
    services = _figures_by(session, "services")
    days = _figures_by(session, "days")
    hours = _figures_by(session, "hours")
    priorities = _figures_by(session, "priorities")
    empty = _empty_figures()
    day_count = (last - first).days + 1
    return {
        "from": first.isoformat(),
        "to": last.isoformat(),
        "timezone": office.settings.office.timezone,
        "service_filter": service,
        "overall": _figures_by(session, None).get(None, empty),
        "services": [
            {"service": s.code, "name": s.name, "target_wait_minutes": s.target_wait_minutes,
             **services.get(s.code, empty)}
            for s in office.settings.services if service in (None, s.code)
        ],
        "days": [
            {"day": day.isoformat(), **days.get(day, empty)}
            for day in (first + timedelta(days=n) for n in range(day_count))
        ],
        "hours": [{"hour": hour, **hours.get(hour, empty)} for hour in range(24)],
        "priorities": [
            {"priority": REGULAR, "label": "Reguler", **priorities.get("", empty)},
            *({"priority": p.value, "label": PRIORITY_LABELS[p], **priorities.get(p.value, empty)}
              for p in Priority),
        ],
    }


def _figures_by(session: Session, dimension: str | None) -> dict[Any, dict[str, Any]]:
    tallies = rq.counts(session, dimension)
    waits = rq.percentiles(session, dimension, "wait")
    services = rq.percentiles(session, dimension, "service")
    return {key: _figures(row, waits.get(key), services.get(key))
            for key, row in tallies.items()}


def _figures(row: dict[str, Any], waits: dict[str, float] | None,
             services: dict[str, float] | None) -> dict[str, Any]:
    return {
        "issued": row["issued"],
        "served": row["served"],
        "no_show": row["no_show"],
        "cancelled": row["cancelled"],
        "transferred": row["transferred"],
        "waiting_seconds": _summary(row, "wait", waits),
        "service_seconds": _summary(row, "service", services),
        "within_target_share": round(row["within"] / row["judged"], 4) if row["judged"] else None,
    }


def _summary(row: dict[str, Any], metric: str, cuts: dict[str, float] | None) -> dict[str, Any]:
    count = row[f"{metric}_count"]
    return {
        "count": count,
        "mean": mean(row[f"{metric}_sum"], count),
        "median": round(cuts["median"], 2) if cuts and count else None,
        "p90": round(cuts["p90"], 2) if cuts and count else None,
        "max": float(row[f"{metric}_max"]) if count else None,
        "total": row[f"{metric}_sum"],
    }


def _empty_figures() -> dict[str, Any]:
    zero = {"issued": 0, "served": 0, "no_show": 0, "cancelled": 0, "transferred": 0,
            "wait_count": 0, "wait_sum": 0, "wait_max": None, "service_count": 0,
            "service_sum": 0, "service_max": None, "judged": 0, "within": 0}
    return _figures(zero, None, None)


def _counters(office: Office, figures: dict[Any, dict[str, Any]],
              open_time: dict[int, int]) -> list[dict[str, Any]]:
    rows = []
    for counter in office.settings.counters:
        own = figures.get(counter.number, _empty_figures())
        opened = open_time.get(counter.number, 0)
        busy = own["service_seconds"]["total"]
        rows.append({"counter": counter.number, "name": counter.name, **own,
                     "open_seconds": opened, "busy_seconds": busy,
                     "idle_seconds": max(opened - busy, 0)})
    return rows


def _petugas(session: Session, figures: dict[Any, dict[str, Any]]) -> list[dict[str, Any]]:
    names = rq.names_of_users(session, [key for key in figures if key is not None])
    return [{"user_id": key, "name": names.get(key, f"#{key}"), **own}
            for key, own in sorted(figures.items(), key=lambda item: names.get(item[0], ""))
            if key is not None]
