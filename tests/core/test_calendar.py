"""Working days: weekends and the office's listed holidays do not count."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from antrean.core.calendar import Holiday, OfficeCalendar, local_instant

# 17 August 2026 is a Monday; 18 August a Tuesday (a made-up cuti bersama).
CALENDAR = OfficeCalendar((Holiday(date(2026, 8, 17), "Hari Kemerdekaan RI"),
                           Holiday(date(2026, 8, 18), "Cuti bersama (contoh)")))


def test_weekends_and_holidays_are_not_working_days() -> None:
    assert CALENDAR.is_working_day(date(2026, 8, 14))  # Friday
    assert not CALENDAR.is_working_day(date(2026, 8, 15))  # Saturday
    assert not CALENDAR.is_working_day(date(2026, 8, 17))
    assert CALENDAR.holiday_on(date(2026, 8, 17)) == Holiday(date(2026, 8, 17),
                                                             "Hari Kemerdekaan RI")
    assert CALENDAR.holiday_on(date(2026, 8, 19)) is None


def test_adding_working_days_skips_weekends_and_holidays() -> None:
    # A complaint on Friday 14 August with 5 working days: 19, 20, 21, 24, 25 August.
    assert CALENDAR.add_working_days(date(2026, 8, 14), 5) == date(2026, 8, 25)
    assert OfficeCalendar().add_working_days(date(2026, 8, 14), 5) == date(2026, 8, 21)
    assert CALENDAR.add_working_days(date(2026, 8, 14), 0) == date(2026, 8, 14)
    with pytest.raises(ValueError):
        CALENDAR.add_working_days(date(2026, 8, 14), -1)


def test_counting_working_days_between_two_days() -> None:
    assert CALENDAR.working_days_between(date(2026, 8, 14), date(2026, 8, 25)) == 5
    assert CALENDAR.working_days_between(date(2026, 8, 25), date(2026, 8, 14)) == 0
    assert CALENDAR.working_days_from(date(2026, 8, 14), date(2026, 8, 19)) == \
        [date(2026, 8, 14), date(2026, 8, 19)]


def test_an_office_open_on_saturday() -> None:
    saturdays = OfficeCalendar((), frozenset(range(6)))
    assert saturdays.add_working_days(date(2026, 8, 14), 1) == date(2026, 8, 15)


@pytest.mark.parametrize("zone,utc_hour", [("Asia/Jakarta", 1), ("Asia/Makassar", 0),
                                           ("Asia/Jayapura", 23)])
def test_a_local_time_on_an_office_day_is_a_utc_instant(zone: str, utc_hour: int) -> None:
    instant = local_instant(zone, date(2026, 11, 24), time(8, 0))
    day = 24 if utc_hour < 8 else 23
    assert instant == datetime(2026, 11, day, utc_hour, 0, tzinfo=UTC)
