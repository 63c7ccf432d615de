"""The office calendar: holidays, working days, and instants on the office's own clock.

Offices close on national holidays and cuti bersama (set each year by a joint ministerial
decree, listed by the office in config.toml). Complaint deadlines count working days with
the same calendar; walk-in numbers and bookings are refused on a holiday, with its name.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import cached_property
from zoneinfo import ZoneInfo

MONDAY_TO_FRIDAY = frozenset(range(5))  # date.weekday(): Monday is 0


@dataclass(frozen=True)
class Holiday:
    day: date
    name: str  # "Hari Kemerdekaan Republik Indonesia", "Cuti Bersama Idulfitri"


@dataclass(frozen=True)
class OfficeCalendar:
    """Which days the office works: its weekdays, less the listed holidays."""

    holidays: tuple[Holiday, ...] = ()
    working_weekdays: frozenset[int] = field(default=MONDAY_TO_FRIDAY)

    @cached_property
    def _by_day(self) -> dict[date, Holiday]:
        return {holiday.day: holiday for holiday in self.holidays}

    def holiday_on(self, day: date) -> Holiday | None:
        return self._by_day.get(day)

    def is_working_day(self, day: date) -> bool:
        return day.weekday() in self.working_weekdays and day not in self._by_day

    def add_working_days(self, start: date, count: int) -> date:
        """The day `count` working days after `start` (start itself is not counted).

        A complaint filed on Friday with 5 working days to answer is due the next Friday, or
        later when a holiday falls in between.
        """
        if count < 0:
            raise ValueError("count must not be negative")
        if not self.working_weekdays:
            raise ValueError("the office has no working weekday")
        day = start
        while count > 0:
            day += timedelta(days=1)
            if self.is_working_day(day):
                count -= 1
        return day

    def working_days_between(self, first: date, last: date) -> int:
        """Working days after `first` up to and including `last` (0 when last <= first)."""
        days = 0
        day = first
        while day < last:
            day += timedelta(days=1)
            days += self.is_working_day(day)
        return days

    def working_days_from(self, start: date, through: date) -> list[date]:
        """Every working day from `start` to `through`, both included."""
        span = (through - start).days
        return [day for day in (start + timedelta(days=n) for n in range(span + 1))
                if self.is_working_day(day)]


def local_instant(timezone: str, day: date, moment: time) -> datetime:
    """The UTC instant of `moment` on the office-local `day` ("08.00 WIT on 24 November")."""
    return datetime.combine(day, moment, tzinfo=ZoneInfo(timezone)).astimezone(UTC)
