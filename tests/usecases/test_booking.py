"""Making, reading and cancelling bookings, as plain use-case calls on a real database."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import text

from antrean.core.errors import DomainError
from antrean.usecases.booking.availability import booking_days, day_sessions
from antrean.usecases.booking.making import cancel_booking, read_booking
from antrean.usecases.queue.issuing import issue_ticket
from tests.conftest import OfficeFactory
from tests.support.booking import AKTA_BOOKING, HOLIDAY_TABLES, NIK, book, desk_for, phone_number

TUESDAY = date(2026, 11, 24)  # the test clock starts on Monday 23 November 2026, 09.00 WITA


def refused_code(call: object) -> str:
    with pytest.raises(DomainError) as caught:
        call()  # type: ignore[operator]
    return caught.value.code


def test_a_booking_has_a_readable_code_its_session_and_an_estimate(
        make_office: OfficeFactory, sqlite_url: str) -> None:
    office, _, _ = make_office(sqlite_url, extra_service=AKTA_BOOKING)
    desk = desk_for(office)
    first = book(desk, TUESDAY, "10:00", phone_number(1))
    second = book(desk, TUESDAY, "10:00", phone_number(2))
    assert len(first["code"]) == 8 and not set(first["code"]) & set("01OIL")
    assert first["code_label"] == f"{first['code'][:4]}-{first['code'][4:]}"
    assert first["status"] == "booked" and first["status_label"] == "Terdaftar"
    assert first["session_label"] == "10.00-12.00 WITA"
    assert first["date_label"] == "Selasa, 24 November 2026"
    assert first["arrive_by_label"] == "10.00 WITA"
    assert (first["checkin_opens_label"], first["checkin_closes_label"]) == \
        ("09.00 WITA", "10.15 WITA")
    # Estimasi dilayani: the session start, then one service time (10 min) per booking
    # before, shared by the two loket that serve AKTA.
    assert first["estimated_service_label"] == "10.00 WITA"
    assert second["estimated_service_label"] == "10.05 WITA"
    assert first["phone_masked"] == "0813****0001"
    assert read_booking(office, first["code_label"].lower()) == first


def test_the_nik_is_kept_only_as_a_keyed_hash_and_shown_masked(
        make_office: OfficeFactory, sqlite_url: str) -> None:
    office, _, _ = make_office(sqlite_url, extra_service=AKTA_BOOKING + "nik_required = true\n")
    desk = desk_for(office)
    assert refused_code(lambda: book(desk, TUESDAY)) == "missing_nik"
    assert refused_code(lambda: book(desk, TUESDAY, nik="1234")) == "invalid_nik"
    made = book(desk, TUESDAY, nik=NIK)
    assert made["nik_masked"] == "************0003"
    with office.transaction() as session:
        stored = [str(v) for v in session.execute(text("SELECT * FROM bookings")).one()]
    assert NIK not in " ".join(stored)
    # Another phone with the same NIK is the same person.
    assert refused_code(lambda: book(desk, TUESDAY, "10:00", phone_number(9), nik=NIK)) \
        == "already_booked_nik"


def test_one_booking_per_phone_per_service_and_day(make_office: OfficeFactory,
                                                   database_url: str) -> None:
    office, _, _ = make_office(database_url, extra_service=AKTA_BOOKING)
    desk = desk_for(office)
    book(desk, TUESDAY, "08:00", "0812-3456-7001")
    assert refused_code(lambda: book(desk, TUESDAY, "13:00", "+62 812 3456 7001")) \
        == "already_booked"
    book(desk, date(2026, 11, 26), "08:00", "0812-3456-7001")  # another day is fine


def test_bad_input_is_named_in_indonesian(make_office: OfficeFactory, sqlite_url: str) -> None:
    office, _, _ = make_office(sqlite_url, extra_service=AKTA_BOOKING)
    desk = desk_for(office)
    assert refused_code(lambda: book(desk, TUESDAY, phone="021 555 1234")) == "invalid_phone"
    assert refused_code(lambda: book(desk, TUESDAY, name=" ")) == "invalid_name"
    assert refused_code(lambda: book(desk, "24-11-2026")) == "invalid_date"
    assert refused_code(lambda: book(desk, TUESDAY, "09:00")) == "unknown_session"
    assert refused_code(lambda: book(desk, TUESDAY, service="KTP")) == "booking_not_offered"
    assert refused_code(lambda: book(desk, TUESDAY, service="NOPE")) == "unknown_service"
    assert refused_code(lambda: book(desk, date(2026, 11, 22))) == "day_passed"
    assert refused_code(lambda: book(desk, date(2026, 12, 1))) == "day_too_far"
    assert refused_code(lambda: book(desk, date(2026, 11, 28))) == "day_closed"  # Saturday
    assert refused_code(lambda: book(desk, "2026-11-23", "08:00")) == "session_started"


def test_a_holiday_refuses_bookings_and_walk_ins_with_its_name(
        make_office: OfficeFactory, sqlite_url: str) -> None:
    office, clock, _ = make_office(sqlite_url, extra_service=AKTA_BOOKING,
                                   extra_tables=HOLIDAY_TABLES)
    desk = desk_for(office)
    with pytest.raises(DomainError) as caught:
        book(desk, date(2026, 11, 25))
    assert caught.value.code == "holiday"
    assert "Hari Guru Nasional (contoh)" in caught.value.message
    days = {d["date"]: d for d in booking_days(office, "AKTA")["days"]}
    assert days["2026-11-25"]["open"] is False
    assert days["2026-11-25"]["holiday"] == "Hari Guru Nasional (contoh)"
    assert days["2026-11-24"]["open"] is True and days["2026-11-24"]["remaining"] == 12
    clock.set(datetime(2026, 11, 25, 9, 0, tzinfo=ZoneInfo("Asia/Makassar")))
    with pytest.raises(DomainError) as walk_in:
        issue_ticket(office, "KTP")
    assert walk_in.value.code == "holiday"
    assert walk_in.value.message.startswith(
        "Kantor tutup pada Rabu, 25 November 2026 (Hari Guru Nasional (contoh))")


def test_sessions_fill_up_and_the_online_quota_caps_the_day(make_office: OfficeFactory,
                                                            sqlite_url: str) -> None:
    office, _, _ = make_office(sqlite_url, extra_service=AKTA_BOOKING)
    desk = desk_for(office)
    for n in range(5):
        book(desk, TUESDAY, "08:00", phone_number(n))
    assert refused_code(lambda: book(desk, TUESDAY, "08:00", phone_number(99))) \
        == "session_full"
    for n in range(5, 10):
        book(desk, TUESDAY, "10:00", phone_number(n))
    book(desk, TUESDAY, "13:00", phone_number(10))
    book(desk, TUESDAY, "13:00", phone_number(11))
    # 12 booked: the day's online quota is reached although 13.00 still has 3 seats.
    assert refused_code(lambda: book(desk, TUESDAY, "13:00", phone_number(12))) \
        == "quota_full"
    sessions = {s["session"]: s for s in day_sessions(office, "AKTA", TUESDAY)["sessions"]}
    assert [sessions[k]["remaining"] for k in ("08:00", "10:00", "13:00")] == [0, 0, 0]


def test_a_cancelled_place_returns_only_after_the_release_delay(
        make_office: OfficeFactory, database_url: str) -> None:
    office, clock, _ = make_office(database_url, extra_service=AKTA_BOOKING)
    desk = desk_for(office)
    made = [book(desk, TUESDAY, "08:00", phone_number(n)) for n in range(5)]
    cancelled = cancel_booking(desk, made[0]["code"], "")
    assert cancelled["status"] == "cancelled" and cancelled["can_cancel"] is False
    assert refused_code(lambda: cancel_booking(desk, made[0]["code"], "")) \
        == "already_cancelled"
    clock.advance(minutes=29)
    assert refused_code(lambda: book(desk, TUESDAY, "08:00", phone_number(50))) \
        == "session_full"
    clock.advance(minutes=1)
    again = book(desk, TUESDAY, "08:00", phone_number(50))
    assert again["position"] == 6  # the place numbers never repeat within a session
    # The person who cancelled may book again (a new place, like anyone else).
    assert book(desk, TUESDAY, "10:00", phone_number(0))["status"] == "booked"


def test_unknown_and_malformed_codes(make_office: OfficeFactory, sqlite_url: str) -> None:
    office, _, _ = make_office(sqlite_url, extra_service=AKTA_BOOKING)
    assert refused_code(lambda: read_booking(office, "ABCD-EFGH")) == "booking_not_found"
    assert refused_code(lambda: read_booking(office, "ABC")) == "invalid_booking_code"
    assert refused_code(lambda: read_booking(office, "ABCD-EFG0")) == "invalid_booking_code"
