from datetime import UTC, date, datetime, time

import pytest

from antrean.core.clock import OfficeClock, format_long_date
from antrean.core.errors import DomainError, ErrorKind
from antrean.core.hours import IssuingHours, parse_time_range
from antrean.core.numbering import format_number, parse_number
from antrean.core.ticket import Priority, TicketAction, TicketStatus, next_status, parse_priority


def test_numbers_are_prefix_and_three_digits_growing_to_four() -> None:
    assert format_number("A", 1) == "A-001"
    assert format_number("B", 42) == "B-042"
    assert format_number("A", 1234) == "A-1234"


def test_parse_number_accepts_loose_spellings() -> None:
    assert parse_number("a-001") == ("A", 1)
    assert parse_number("B 12") == ("B", 12)
    assert parse_number("123") is None


@pytest.mark.parametrize(("status", "action", "expected"), [
    (TicketStatus.WAITING, TicketAction.CALL, TicketStatus.CALLED),
    (TicketStatus.TRANSFERRED, TicketAction.CALL, TicketStatus.CALLED),
    (TicketStatus.CALLED, TicketAction.START, TicketStatus.SERVING),
    (TicketStatus.CALLED, TicketAction.FINISH, TicketStatus.DONE),
    (TicketStatus.SERVING, TicketAction.FINISH, TicketStatus.DONE),
    (TicketStatus.CALLED, TicketAction.SKIP, TicketStatus.SKIPPED),
    (TicketStatus.SKIPPED, TicketAction.REQUEUE, TicketStatus.WAITING),
    (TicketStatus.SKIPPED, TicketAction.NO_SHOW, TicketStatus.NO_SHOW),
    (TicketStatus.SERVING, TicketAction.TRANSFER, TicketStatus.TRANSFERRED),
    (TicketStatus.WAITING, TicketAction.CANCEL, TicketStatus.CANCELLED),
])
def test_allowed_transitions(status: TicketStatus, action: TicketAction,
                             expected: TicketStatus) -> None:
    assert next_status(status, action) == expected


@pytest.mark.parametrize(("status", "action"), [
    (TicketStatus.WAITING, TicketAction.START),
    (TicketStatus.WAITING, TicketAction.FINISH),
    (TicketStatus.DONE, TicketAction.CALL),
    (TicketStatus.DONE, TicketAction.CANCEL),
    (TicketStatus.SERVING, TicketAction.SKIP),
    (TicketStatus.CANCELLED, TicketAction.TRANSFER),
    (TicketStatus.NO_SHOW, TicketAction.RECALL),
])
def test_actions_that_do_not_fit_the_state_are_conflicts(status: TicketStatus,
                                                         action: TicketAction) -> None:
    with pytest.raises(DomainError) as raised:
        next_status(status, action)
    assert raised.value.kind is ErrorKind.CONFLICT


def test_priority_categories_parse_and_unknown_ones_are_refused() -> None:
    assert parse_priority("lansia") is Priority.LANSIA
    assert parse_priority("Ibu Hamil") is Priority.IBU_HAMIL
    assert parse_priority(None) is None
    with pytest.raises(DomainError) as raised:
        parse_priority("vip")
    assert raised.value.kind is ErrorKind.INVALID


def test_office_day_follows_the_office_zone_not_utc() -> None:
    # 16.30 UTC on 22 Nov is 01.30 on 23 Nov in Jayapura (UTC+9) but still 22 Nov in Jakarta.
    instant = datetime(2026, 11, 22, 16, 30, tzinfo=UTC)
    assert OfficeClock("Asia/Jayapura").local_day(instant) == date(2026, 11, 23)
    assert OfficeClock("Asia/Jakarta").local_day(instant) == date(2026, 11, 22)


def test_zone_names_and_indonesian_formats() -> None:
    clock = OfficeClock("Asia/Makassar")
    instant = datetime(2024, 8, 17, 6, 30, tzinfo=UTC)
    assert clock.zone_name == "WITA"
    assert clock.format_time(instant) == "14.30 WITA"
    assert clock.format_date(instant) == "Sabtu, 17 Agustus 2024"
    assert OfficeClock("Asia/Jayapura").zone_name == "WIT"
    assert format_long_date(date(2024, 8, 19)) == "Senin, 19 Agustus 2024"


def test_day_bounds_are_local_midnights_in_utc() -> None:
    start, end = OfficeClock("Asia/Jakarta").day_bounds_utc(date(2026, 11, 23))
    assert start == datetime(2026, 11, 22, 17, 0, tzinfo=UTC)
    assert end == datetime(2026, 11, 23, 17, 0, tzinfo=UTC)


def test_issuing_hours_per_weekday() -> None:
    friday_short = parse_time_range("08.00-11:00")
    hours = IssuingHours((parse_time_range("08:00-14:00"),) * 4 + (friday_short, None, None))
    monday_noon = datetime(2026, 11, 23, 12, 0)
    friday_noon = datetime(2026, 11, 27, 12, 0)
    sunday = datetime(2026, 11, 29, 9, 0)
    assert hours.is_open(monday_noon)
    assert not hours.is_open(friday_noon)
    assert not hours.is_open(sunday)
    assert friday_short.label() == "08.00-11.00"
    assert parse_time_range("00:00-24:00").contains(time(23, 59, 59))


def test_bad_time_ranges_are_refused() -> None:
    with pytest.raises(ValueError):
        parse_time_range("14:00-08:00")
    with pytest.raises(ValueError):
        parse_time_range("pagi")
