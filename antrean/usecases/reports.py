"""Waiting-time and service-time figures, read from the ticket event log."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import case, func, select

from antrean.core.errors import invalid
from antrean.core.statistics import share_within, summarize
from antrean.db.models import Ticket, TicketEvent
from antrean.db.types import UtcDateTime
from antrean.usecases.context import Office

MAX_PERIOD_DAYS = 366 * 2


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


def _at(event: str) -> Any:
    return func.min(case((TicketEvent.event == event, TicketEvent.at)), type_=UtcDateTime())


def _last_at(event: str) -> Any:
    return func.max(case((TicketEvent.event == event, TicketEvent.at)), type_=UtcDateTime())


def stats(office: Office, first: date, last: date) -> dict[str, Any]:
    per_ticket = (
        select(
            TicketEvent.ticket_id,
            _at("issue").label("issued"),
            _at("call").label("first_call"),
            _last_at("start").label("started"),
            _last_at("finish").label("finished"),
            func.max(case((TicketEvent.event == "no_show", 1), else_=0)).label("no_show"),
            func.max(case((TicketEvent.event == "cancel", 1), else_=0)).label("cancelled"),
            func.max(case((TicketEvent.event == "transfer", 1), else_=0)).label("transferred"),
        )
        .where(TicketEvent.local_day >= first, TicketEvent.local_day <= last)
        .group_by(TicketEvent.ticket_id)
        .subquery()
    )
    query = select(Ticket.origin_service_code, Ticket.status, per_ticket).join(
        per_ticket, per_ticket.c.ticket_id == Ticket.id
    )
    with office.transaction() as session:
        rows = session.execute(query).all()
    groups: dict[str, list[Any]] = defaultdict(list)
    for row in rows:
        groups[row.origin_service_code].append(row)
    services = [
        {"service": s.code, "name": s.name, **_figures(groups.get(s.code, []),
                                                       s.target_wait_minutes)}
        for s in office.settings.services
    ]
    return {
        "from": first.isoformat(),
        "to": last.isoformat(),
        "timezone": office.settings.office.timezone,
        "services": services,
        "overall": _figures(rows, None, per_service_targets=office),
    }


def _figures(rows: list[Any], target_minutes: int | None,
             per_service_targets: Office | None = None) -> dict[str, Any]:
    waits = [_seconds(r.issued, r.first_call) for r in rows if r.issued and r.first_call]
    services = [_seconds(r.started, r.finished) for r in rows if r.started and r.finished]
    if per_service_targets is not None:
        within = _overall_within(rows, per_service_targets)
    else:
        within = share_within(waits, target_minutes * 60 if target_minutes else None)
    return {
        "issued": sum(1 for r in rows if r.issued),
        "served": sum(1 for r in rows if r.finished),
        "no_show": sum(1 for r in rows if r.no_show),
        "cancelled": sum(1 for r in rows if r.cancelled),
        "transferred": sum(1 for r in rows if r.transferred),
        "waiting_seconds": summarize(waits).as_dict(),
        "service_seconds": summarize(services).as_dict(),
        "within_target_share": within,
    }


def _overall_within(rows: list[Any], office: Office) -> float | None:
    """Each ticket judged against its own service's target."""
    judged = []
    for r in rows:
        service = office.settings.service(r.origin_service_code)
        if service and service.target_wait_minutes and r.issued and r.first_call:
            judged.append(_seconds(r.issued, r.first_call) <= service.target_wait_minutes * 60)
    return round(sum(judged) / len(judged), 4) if judged else None


def _seconds(start: datetime, end: datetime) -> float:
    return (end - start).total_seconds()
