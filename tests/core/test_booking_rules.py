"""Booking codes, phone numbers and NIKs, and what the kiosk says at each check-in edge."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from antrean.core.booking import (
    CODE_ALPHABET,
    BookingStatus,
    CheckinWindow,
    new_code,
    parse_code,
    queue_moment,
)
from antrean.core.checkin import CheckinFacts, checkin_refusal
from antrean.core.clock import OfficeClock
from antrean.core.contact import mask_phone, nik_hash, parse_email, parse_nik, parse_phone
from antrean.core.errors import DomainError


def test_codes_avoid_characters_that_read_alike() -> None:
    assert not set(CODE_ALPHABET) & set("01OIL")
    codes = {new_code() for _ in range(2000)}
    assert len(codes) == 2000 and all(len(c) == 8 and set(c) <= set(CODE_ALPHABET)
                                      for c in codes)


@pytest.mark.parametrize("typed,code", [
    ("K7QM4XPD", "K7QM4XPD"), ("k7qm-4xpd", "K7QM4XPD"), (" K7QM 4XPD ", "K7QM4XPD"),
    ("https://antrean.go.id/b/K7QM4XPD", "K7QM4XPD"), ("http://x:5000/b/K7QM4XPD/", "K7QM4XPD"),
    ("K7QM4XP", None), ("K7QM4XPD9", None), ("K7QM4XP0", None), ("K7QM4XPI", None), ("", None),
])
def test_a_code_is_read_from_what_was_typed_or_scanned(typed: str, code: str | None) -> None:
    assert parse_code(typed) == code


@pytest.mark.parametrize("typed", ["0812-3456-7890", "+62 812 3456 7890", "6281234567890",
                                   "812 3456 7890", "(0812) 3456.7890"])
def test_mobile_numbers_are_normalised_for_the_gateway(typed: str) -> None:
    assert parse_phone(typed) == "6281234567890"
    assert mask_phone("6281234567890") == "0812****7890"


@pytest.mark.parametrize("typed", ["021 555 1234", "0812", "08123456789012345", "08abc",
                                   "+1 415 555 0100", "0842 1234 5678", None])
def test_other_numbers_are_refused(typed: object) -> None:
    with pytest.raises(DomainError) as caught:
        parse_phone(typed)
    assert caught.value.code == "invalid_phone"


def test_a_nik_has_sixteen_digits_and_a_birth_date() -> None:
    assert parse_nik("6471 0545 1290 0003") == "6471054512900003"  # a woman: day 05 + 40
    for bad in ("647105451290000", "6471053212900003", "6471051513900003", "0071051512900003"):
        with pytest.raises(DomainError):
            parse_nik(bad)
    with pytest.raises(DomainError) as missing:
        parse_nik("")
    assert missing.value.code == "missing_nik"


def test_the_nik_hash_is_keyed() -> None:
    nik = "6471054512900003"
    assert nik_hash(nik, b"key-a") == nik_hash(nik, b"key-a")
    assert nik_hash(nik, b"key-a") != nik_hash(nik, b"key-b")
    assert nik not in nik_hash(nik, b"key-a")


def test_e_mail_is_optional() -> None:
    assert parse_email("  ") is None
    assert parse_email("siti@contoh.id") == "siti@contoh.id"
    with pytest.raises(DomainError):
        parse_email("siti@contoh")


START = datetime(2026, 11, 24, 0, 0, tzinfo=UTC)  # 08.00 WITA
WINDOW = CheckinWindow(START - timedelta(minutes=60), START + timedelta(minutes=15))
CLOCK = OfficeClock("Asia/Makassar")


def verdict(now: datetime, status: BookingStatus = BookingStatus.BOOKED) -> str | None:
    refusal = checkin_refusal(CheckinFacts(status, date(2026, 11, 24), WINDOW,
                                           START, "C-007"), now, CLOCK)
    return refusal.code if refusal else None


def test_check_in_edges() -> None:
    second = timedelta(seconds=1)
    assert verdict(WINDOW.opens - second) == "checkin_too_early"
    assert verdict(WINDOW.opens) is None
    assert verdict(WINDOW.closes) is None
    assert verdict(WINDOW.closes + second) == "checkin_too_late"
    assert verdict(START - timedelta(days=1)) == "checkin_other_day"
    assert verdict(START + timedelta(days=1)) == "checkin_other_day"
    assert verdict(START, BookingStatus.CHECKED_IN) == "already_checked_in"
    assert verdict(START, BookingStatus.CANCELLED) == "booking_cancelled"
    assert verdict(START, BookingStatus.NO_SHOW) == "checkin_too_late"


def test_on_time_bookings_queue_at_the_session_start_and_late_ones_at_arrival() -> None:
    assert queue_moment(START, START - timedelta(minutes=40)) == START
    assert queue_moment(START, START + timedelta(minutes=5)) == START + timedelta(minutes=5)
