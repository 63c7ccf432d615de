from datetime import date

import pytest

from antrean.core.errors import DomainError
from antrean.core.setup_rules import (
    extra_quota,
    hands_back,
    next_counter_number,
    pause_reason,
    prefix_on,
    prefix_takes_effect,
    quota_closes_today,
    services_dropped,
)

MONDAY = date(2026, 11, 23)


def test_a_new_prefix_waits_for_the_next_office_day() -> None:
    tomorrow = prefix_takes_effect(MONDAY)
    assert tomorrow == date(2026, 11, 24)
    assert prefix_on(MONDAY, "D", "A", tomorrow) == "A"
    assert prefix_on(tomorrow, "D", "A", tomorrow) == "D"
    assert prefix_on(MONDAY, "D", None, None) == "D"


def test_a_loket_hands_back_only_a_ticket_of_a_service_it_no_longer_serves() -> None:
    assert services_dropped(["KTP", "KK"], ["KK"]) == {"KTP"}
    assert services_dropped(["KTP", "KK"], None) == {"KTP", "KK"}  # removed: all of them
    assert hands_back("KTP", ["KK"]) and hands_back("KTP", None)
    assert not hands_back("KK", ["KK", "AKTA"])


def test_a_quota_at_or_below_todays_count_closes_the_service() -> None:
    assert quota_closes_today(5, 5) and quota_closes_today(3, 5)
    assert not quota_closes_today(6, 5) and not quota_closes_today(None, 500)


def test_a_pause_needs_a_short_reason() -> None:
    assert pause_reason("  Server   pusat  gangguan ") == "Server pusat gangguan"
    for bad in ("", "   ", None, "x" * 201):
        with pytest.raises(DomainError) as raised:
            pause_reason(bad)
        assert raised.value.code == "invalid_pause_reason"


def test_extra_quota_is_a_positive_whole_number_for_a_service_with_a_quota() -> None:
    assert extra_quota(10, 50) == 10 and extra_quota("7", 50) == 7
    for bad in (0, -1, "banyak", True, 10_001):
        with pytest.raises(DomainError):
            extra_quota(bad, 50)
    with pytest.raises(DomainError) as raised:
        extra_quota(5, None)
    assert raised.value.code == "no_quota"


def test_an_extra_loket_takes_the_first_free_number() -> None:
    assert next_counter_number([1, 2, 4]) == 3
    assert next_counter_number([]) == 1
