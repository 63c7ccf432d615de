"""Bookings that nobody checks in become "tidak datang" by themselves; reminders go out on
the morning of the day, once."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select

from antrean.db.booking_models import OutboxMessage
from antrean.usecases.booking.checkin import check_in
from antrean.usecases.booking.listing import day_listing
from antrean.usecases.booking.making import read_booking
from antrean.usecases.booking.sweeps import expire_overdue, queue_reminders, sweep
from antrean.usecases.queue import calling
from antrean.usecases.queue.issuing import issue_ticket
from tests.conftest import OfficeFactory
from tests.support.booking import AKTA_BOOKING, book, desk_for, phone_number

TUESDAY = date(2026, 11, 24)
WEBHOOK = """
[notify]
webhook_url = "http://127.0.0.1:9/gateway"
webhook_secret = "rahasia-gateway-uji-0123"
"""


def wita(day: int, hour: int, minute: int, second: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, second, tzinfo=ZoneInfo("Asia/Makassar"))


def test_a_booking_not_checked_in_by_the_end_of_its_window_becomes_tidak_datang(
        make_office: OfficeFactory, database_url: str) -> None:
    office, clock, _ = make_office(database_url, extra_service=AKTA_BOOKING)
    desk = desk_for(office)
    swept, also_swept = (book(desk, TUESDAY, "08:00", phone_number(n))["code"]
                         for n in range(2))
    later = book(desk, TUESDAY, "10:00", phone_number(3))["code"]
    clock.set(wita(24, 8, 15))
    assert expire_overdue(office) == 0  # 08.15 is still inside the window
    clock.set(wita(24, 8, 15, 1))
    # Several server processes sweep at once: each booking is marked once.
    with ThreadPoolExecutor(4) as pool:
        assert sum(pool.map(lambda _: expire_overdue(office), range(4))) == 2
    gone = read_booking(office, swept)
    assert (gone["status"], gone["status_label"], gone["can_cancel"]) == \
        ("no_show", "Tidak datang", False)
    assert read_booking(office, also_swept)["status"] == "no_show"
    assert read_booking(office, later)["status"] == "booked"
    assert day_listing(office, TUESDAY).totals == \
        {"booked": 1, "checked_in": 0, "cancelled": 0, "no_show": 2}


def test_a_page_read_after_the_window_says_tidak_datang_before_any_sweep(
        make_office: OfficeFactory, sqlite_url: str) -> None:
    office, clock, _ = make_office(sqlite_url, extra_service=AKTA_BOOKING)
    code = book(desk_for(office), TUESDAY, "08:00")["code"]
    clock.set(wita(24, 8, 16))
    assert read_booking(office, code)["status"] == "no_show"


def reminders(office: object) -> list[tuple[str, str]]:
    with office.transaction() as session:  # type: ignore[attr-defined]
        rows = session.scalars(select(OutboxMessage).where(OutboxMessage.message == "reminder"))
        return [(row.recipient, json.loads(row.payload)["text"]) for row in rows]


def test_the_morning_reminder_goes_once_to_those_who_booked_on_an_earlier_day(
        make_office: OfficeFactory, sqlite_url: str) -> None:
    office, clock, _ = make_office(sqlite_url, extra_service=AKTA_BOOKING,
                                   extra_tables=WEBHOOK)
    desk = desk_for(office)
    book(desk, TUESDAY, "10:00", "0812 3456 7001")
    clock.set(wita(24, 5, 59))
    assert queue_reminders(desk) == 0
    book(desk, TUESDAY, "13:00", "0812 3456 7002")  # booked this morning: no reminder
    clock.set(wita(24, 6, 0))
    assert queue_reminders(desk) == 1
    assert queue_reminders(desk) == 0
    [(recipient, text)] = reminders(office)
    assert recipient == "6281234567001"
    assert text.startswith("Pengingat: hari ini Anda punya booking antrean Kecamatan Uji Coba.")
    assert "sesi 10.00-12.00 WITA" in text and "mulai pukul 09.00 WITA" in text


def test_no_reminder_without_a_configured_channel(make_office: OfficeFactory,
                                                  sqlite_url: str) -> None:
    office, clock, _ = make_office(sqlite_url, extra_service=AKTA_BOOKING)
    desk = desk_for(office)
    book(desk, TUESDAY, "10:00")
    clock.set(wita(24, 7, 0))
    assert queue_reminders(desk) == 0


def test_the_sweep_tells_a_booked_citizen_whose_turn_came_near_once(
        make_office: OfficeFactory, sqlite_url: str) -> None:
    """The queue's events tell at once (tests/web/test_booking_notice_hooks.py); the sweep
    catches what they missed, e.g. a call made by another server process."""
    office, clock, _ = make_office(sqlite_url, extra_service=AKTA_BOOKING, extra_tables=WEBHOOK)
    desk = desk_for(office)
    code = book(desk, TUESDAY, "08:00")["code"]
    clock.set(wita(24, 7, 30))
    for _ in range(3):
        issue_ticket(office, "AKTA")
    check_in(office, code)
    assert sweep(desk) == (0, 0, 0)  # 3 ahead, about 30 minutes
    calling.call_next(office, 3, None)
    assert sweep(desk) == (0, 0, 1)  # 2 ahead: notify_when_ahead
    calling.call_next(office, 3, None)
    assert sweep(desk) == (0, 0, 0)  # told already
