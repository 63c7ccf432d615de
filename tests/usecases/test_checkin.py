"""Check-in: the window around the session start in the office's own zone, and the queue
number it issues."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from antrean.core.errors import DomainError
from antrean.db import queries
from antrean.db.models import Ticket
from antrean.usecases.booking.checkin import check_in
from antrean.usecases.booking.making import cancel_booking, read_booking
from antrean.usecases.booking.sweeps import expire_overdue
from antrean.usecases.events import EventKind
from antrean.usecases.queue import calling
from antrean.usecases.queue.issuing import issue_ticket
from antrean.usecases.queue.service_status import service_status_of, service_statuses
from antrean.usecases.reports.reports import stats
from tests.conftest import OfficeFactory
from tests.support.booking import AKTA_BOOKING, book, desk_for, phone_number

TUESDAY = date(2026, 11, 24)
HOURS = 'issuing_hours = "08:00-14:00"\n'


def at(timezone: str, day: int, hour: int, minute: int, second: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, second, tzinfo=ZoneInfo(timezone))


def refusal(office: object, code: str) -> DomainError:
    with pytest.raises(DomainError) as caught:
        check_in(office, code)  # type: ignore[arg-type]
    return caught.value


@pytest.mark.parametrize("timezone,zone", [("Asia/Jakarta", "WIB"), ("Asia/Jayapura", "WIT")])
def test_the_window_opens_an_hour_before_and_closes_a_quarter_after_the_start(
        make_office: OfficeFactory, sqlite_url: str, timezone: str, zone: str) -> None:
    office, clock, _ = make_office(sqlite_url, timezone=timezone,
                                   at=at(timezone, 23, 9, 0), extra_service=AKTA_BOOKING + HOURS)
    desk = desk_for(office)
    codes = [book(desk, TUESDAY, "08:00", phone_number(n))["code"] for n in range(4)]

    clock.set(at(timezone, 24, 6, 59, 59))
    early = refusal(office, codes[0])
    assert early.code == "checkin_too_early"
    assert f"dibuka pukul 07.00 {zone}" in early.message
    clock.set(at(timezone, 24, 7, 0))
    assert check_in(office, codes[0]).ticket["number"] == "C-001"  # before issuing hours too
    clock.set(at(timezone, 24, 8, 15))
    assert check_in(office, codes[1]).ticket["number"] == "C-002"
    clock.set(at(timezone, 24, 8, 15, 1))
    late = refusal(office, codes[2])
    assert late.code == "checkin_too_late"
    assert f"berakhir pukul 08.15 {zone}" in late.message
    assert "ambil nomor antrean biasa di kiosk" in late.message


def test_another_day_a_used_code_a_cancelled_one_and_an_unknown_one(
        make_office: OfficeFactory, sqlite_url: str) -> None:
    office, clock, _ = make_office(sqlite_url, extra_service=AKTA_BOOKING)
    desk = desk_for(office)
    first, second, third = (book(desk, TUESDAY, "10:00", phone_number(n))["code"]
                            for n in range(3))
    clock.set(at("Asia/Makassar", 23, 9, 30))  # Monday, the right time of the wrong day
    other_day = refusal(office, first)
    assert other_day.code == "checkin_other_day"
    assert "untuk Selasa, 24 November 2026" in other_day.message
    clock.set(at("Asia/Makassar", 24, 9, 30))
    done = check_in(office, f"http://antrean.test/b/{first}")  # the QR's URL, as scanned
    assert done.booking["status"] == "checked_in"
    used = refusal(office, first.lower())
    assert used.code == "already_checked_in"
    assert "pukul 09.30 WITA" in used.message and done.ticket["number"] in used.message
    cancel_booking(desk, second, "")
    assert refusal(office, second).code == "booking_cancelled"
    assert refusal(office, "ZZZZ-ZZZZ").code == "booking_not_found"
    assert refusal(office, "hello").code == "invalid_booking_code"
    clock.set(at("Asia/Makassar", 25, 9, 30))
    past = refusal(office, third)
    assert past.code == "checkin_other_day" and "sudah lewat" in past.message


def test_check_in_issues_an_online_ticket_placed_at_the_session_start(
        make_office: OfficeFactory, database_url: str) -> None:
    office, clock, publisher = make_office(database_url, extra_service=AKTA_BOOKING)
    desk = desk_for(office)
    early, late = (book(desk, TUESDAY, "10:00", phone_number(n))["code"] for n in range(2))
    clock.set(at("Asia/Makassar", 24, 9, 20))
    ticket = check_in(office, early).ticket
    assert ticket["channel"] == "online" and ticket["status"] == "waiting"
    assert "id" in ticket  # the kiosk needs it for the tracking QR
    clock.set(at("Asia/Makassar", 24, 10, 5))
    check_in(office, late)
    with office.transaction() as session:
        rows = session.scalars(select(Ticket).order_by(Ticket.id)).all()
        queued = [(t.number, t.issued_at, t.queue_at) for t in rows]
    start = at("Asia/Makassar", 24, 10, 0)
    assert queued[0][0] == "C-001" and queued[0][2] == start  # came on time: the start
    assert queued[1][2] == queued[1][1] == at("Asia/Makassar", 24, 10, 5)  # late: arrival
    assert [e.kind for e in publisher.events] == [EventKind.ISSUED, EventKind.UPDATE] * 2
    assert read_booking(office, early)["ticket_number"] == "C-001"


def test_check_ins_never_use_the_walk_in_quota(make_office: OfficeFactory,
                                               sqlite_url: str) -> None:
    office, clock, _ = make_office(sqlite_url, extra_service=AKTA_BOOKING + "daily_quota = 2\n")
    desk = desk_for(office)
    code = book(desk, TUESDAY, "08:00")["code"]
    clock.set(at("Asia/Makassar", 24, 7, 30))
    assert check_in(office, code).ticket["number"] == "C-001"
    assert akta_status(office)["quota_left"] == 2  # the kiosk still offers both places
    assert issue_ticket(office, "AKTA")["number"] == "C-002"
    assert issue_ticket(office, "AKTA")["number"] == "C-003"
    assert akta_status(office)["quota_left"] == 0 and not akta_status(office)["open"]
    with pytest.raises(DomainError) as full:
        issue_ticket(office, "AKTA")
    assert full.value.code == "quota_full"


def akta_status(office: object) -> dict[str, object]:
    with office.transaction() as session:  # type: ignore[attr-defined]
        listed = next(s for s in service_statuses(session, office) if s["code"] == "AKTA")  # type: ignore[arg-type]
        one = service_status_of(session, office, "AKTA")  # type: ignore[arg-type]
    assert one == listed  # the event a change sends says what the full list says
    return listed


def test_walk_in_tickets_queue_at_their_issue_time(make_office: OfficeFactory,
                                                   sqlite_url: str) -> None:
    office, _, _ = make_office(sqlite_url)
    issue_ticket(office, "KTP")
    with office.transaction() as session:
        ticket = session.scalars(select(Ticket)).one()
        assert ticket.queue_at == ticket.issued_at


def test_a_booked_ticket_stands_at_its_session_start_between_the_walk_ins(
        make_office: OfficeFactory, database_url: str) -> None:
    office, clock, _ = make_office(database_url, extra_service=AKTA_BOOKING)
    desk = desk_for(office)
    code = book(desk, TUESDAY, "10:00")["code"]
    clock.set(at("Asia/Makassar", 24, 9, 20))  # on time, well before the start
    booked = check_in(office, code).ticket
    assert booked["ahead"] == 0
    clock.set(at("Asia/Makassar", 24, 9, 45))  # came before the session began: ahead of it
    before = issue_ticket(office, "AKTA")
    assert before["ahead"] == 0
    clock.set(at("Asia/Makassar", 24, 10, 2))  # came after the start: behind the booking
    after = [issue_ticket(office, "AKTA") for _ in range(2)]
    assert [t["ahead"] for t in after] == [2, 3]
    with office.transaction() as session:
        ticket = session.scalars(select(Ticket).where(Ticket.number == booked["number"])).one()
        assert queries.count_ahead(session, ticket) == 1
    order = [calling.call_next(office, 3, None) for _ in range(4)]
    assert [t["number"] for t in order if t] == [before["number"], booked["number"],
                                                  after[0]["number"], after[1]["number"]]


def test_reports_count_bookings_check_ins_no_shows_and_waits_booked_versus_walk_in(
        make_office: OfficeFactory, sqlite_url: str) -> None:
    office, clock, _ = make_office(sqlite_url, extra_service=AKTA_BOOKING)
    desk = desk_for(office)
    codes = [book(desk, TUESDAY, "08:00", phone_number(n))["code"] for n in range(4)]
    cancel_booking(desk, codes[3], "")
    clock.set(at("Asia/Makassar", 24, 7, 50))
    walk_in = issue_ticket(office, "AKTA")  # waits 20 minutes
    for code in codes[:2]:
        check_in(office, code)  # stand at 08.00, checked in at 07.50: wait 25 and 30 minutes
    clock.set(at("Asia/Makassar", 24, 8, 10))
    assert calling.call_next(office, 3, None)["number"] == walk_in["number"]  # type: ignore[index]
    clock.set(at("Asia/Makassar", 24, 8, 15))
    calling.call_next(office, 3, None)
    clock.set(at("Asia/Makassar", 24, 8, 20))
    calling.call_next(office, 3, None)
    expire_overdue(office)  # the third never came
    report = stats(office, TUESDAY, TUESDAY, "AKTA")
    assert report["bookings"] == {"made": 4, "checked_in": 2, "no_show": 1, "cancelled": 1,
                                  "booked": 0}
    booked, walked_in = report["arrivals"]
    assert (booked["arrival"], booked["issued"], booked["waiting_seconds"]["mean"]) == \
        ("booking", 2, 1650.0)
    assert (walked_in["arrival"], walked_in["issued"], walked_in["waiting_seconds"]["mean"]) \
        == ("walk_in", 1, 1200.0)
