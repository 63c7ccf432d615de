"""The monthly recap of complaints: by status and channel, days to a first answer, overdue."""

from __future__ import annotations

from datetime import date, time, timedelta
from typing import Any

from antrean.core.calendar import local_instant
from antrean.core.clock import MONTH_NAMES
from antrean.core.complaint_deadline import CHANNELS, ComplaintFacts, is_overdue, recap
from antrean.core.complaints import STATUS_LABELS, ComplaintStatus
from antrean.core.errors import invalid
from antrean.db import complaint_queries
from antrean.usecases.agency_scope import agency_name, parse_agency
from antrean.usecases.context import Office


def parse_month(value: str | None, today: date) -> date:
    """ "2026-11" -> 1 November 2026; empty: this month."""
    if not value:
        return today.replace(day=1)
    try:
        year, month = (int(part) for part in value.split("-"))
        return date(year, month, 1)
    except ValueError as exc:
        raise invalid("invalid_month", "Bulan ditulis seperti 2026-11.") from exc


def monthly_recap(office: Office, month: date, agency: str | None = None) -> dict[str, Any]:
    """Complaints filed in the office-local `month`: all, or those about one agency."""
    if agency is not None:
        parse_agency(office, agency)
    zone = office.settings.office.timezone
    after = (month.replace(day=28) + timedelta(days=4)).replace(day=1)
    start, end = local_instant(zone, month, time(0, 0)), local_instant(zone, after, time(0, 0))
    today = office.clock.local_day(office.now())
    calendar = office.settings.calendar
    with office.transaction() as session:
        rows = complaint_queries.filed_between(session, start, end)
        facts = []
        for row in rows:
            if agency is not None and row.agency != agency:
                continue
            filed = office.clock.local_day(row.created_at)
            answered = office.clock.local_day(row.first_answered_at) \
                if row.first_answered_at else None
            facts.append(ComplaintFacts(
                status=row.status, channel=row.channel,
                answer_days=calendar.working_days_between(filed, answered)
                if answered else None,
                overdue=is_overdue(row.due_on, answered, today)))
    statuses = [status.value for status in ComplaintStatus]
    figures = recap(facts, statuses)
    median = figures["median_answer_days"]
    return {
        "month": month.strftime("%Y-%m"),
        "agency": agency,
        "agency_name": agency_name(office, agency),
        "month_label": f"{MONTH_NAMES[month.month - 1]} {month.year}",
        "statuses": {status: STATUS_LABELS[ComplaintStatus(status)] for status in statuses},
        "channels": dict(CHANNELS),
        "response_days": office.settings.complaints.response_days,
        **figures,
        # "2" or "2,5": half days happen with an even count of answers.
        "median_label": None if median is None else f"{median:g}".replace(".", ","),
    }

