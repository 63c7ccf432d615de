"""When a complaint must have its first answer, and the monthly recap of complaints.

The office promises a first answer within `response_days` working days (its calendar of
holidays counts); a complaint is overdue when that day has passed without an answer, or when
its first answer came later than that day.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass
from datetime import date

from antrean.core.calendar import OfficeCalendar
from antrean.core.errors import invalid

# How a complaint reached the office; the web form files "web", the admin records the rest.
CHANNELS: dict[str, str] = {
    "web": "Formulir web",
    "lapor": "SP4N-LAPOR!",
    "whatsapp": "WhatsApp",
    "email": "Email",
    "telepon": "Telepon",
    "langsung": "Langsung di kantor",
    "kotak_saran": "Kotak saran",
}
# A LAPOR! tracking number as the citizen receives it: digits, letters and dashes.
_LAPOR_NUMBER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]{3,31}$")


def due_date(calendar: OfficeCalendar, filed_on: date, response_days: int) -> date:
    """The last day for a first answer: `response_days` working days after filing."""
    return calendar.add_working_days(filed_on, response_days)


def is_overdue(due_on: date | None, answered_on: date | None, today: date) -> bool:
    if due_on is None:
        return False
    return (answered_on or today) > due_on


def parse_channel(value: object) -> str:
    if not isinstance(value, str) or value not in CHANNELS:
        raise invalid("invalid_channel", "Pilih saluran masuknya pengaduan.")
    return value


def parse_lapor_number(value: object, channel: str) -> str | None:
    """The SP4N-LAPOR! tracking number: required for a case from LAPOR!, refused otherwise."""
    text = value.strip() if isinstance(value, str) else ""
    if channel != "lapor":
        if text:
            raise invalid("lapor_number_unexpected",
                          "Nomor pelacakan LAPOR! hanya untuk pengaduan dari SP4N-LAPOR!.")
        return None
    if not _LAPOR_NUMBER.match(text):
        raise invalid("invalid_lapor_number",
                      "Tuliskan nomor pelacakan SP4N-LAPOR! (huruf, angka dan tanda -).")
    return text.upper()


@dataclass(frozen=True)
class ComplaintFacts:
    """One complaint as the recap sees it."""

    status: str
    channel: str
    answer_days: int | None  # working days from filing to the first answer; None: unanswered
    overdue: bool


def recap(facts: list[ComplaintFacts], statuses: list[str]) -> dict[str, object]:
    """Counts by status and channel, the median days to a first answer, and the overdue."""
    by_channel = {channel: {status: 0 for status in statuses} for channel in CHANNELS}
    for fact in facts:
        by_channel.setdefault(fact.channel, {status: 0 for status in statuses})
        by_channel[fact.channel][fact.status] = by_channel[fact.channel].get(fact.status, 0) + 1
    answered = [fact.answer_days for fact in facts if fact.answer_days is not None]
    return {
        "total": len(facts),
        "by_status": {status: sum(1 for f in facts if f.status == status) for status in statuses},
        "by_channel": by_channel,
        "answered": len(answered),
        "median_answer_days": statistics.median(answered) if answered else None,
        "overdue": sum(fact.overdue for fact in facts),
    }
