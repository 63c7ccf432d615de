"""Turn-near and called notices for booked citizens, queued once each, as use cases (the
queue's events run them: tests/web/test_booking_notice_hooks.py)."""

from __future__ import annotations

import json
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select

from antrean.db.booking_models import OutboxMessage
from antrean.usecases.booking.checkin import check_in
from antrean.usecases.booking.notices import queue_called_notice, queue_turn_near_notices
from antrean.usecases.queue import calling
from antrean.usecases.queue.issuing import issue_ticket
from tests.conftest import OfficeFactory
from tests.support.booking import AKTA_BOOKING, book, desk_for, phone_number
from tests.support.gateway import notify_table


def notices(office: object) -> list[tuple[str, str]]:
    with office.transaction() as session:  # type: ignore[attr-defined]
        rows = session.scalars(select(OutboxMessage).order_by(OutboxMessage.id))
        return [(row.message, json.loads(row.payload)["text"]) for row in rows]


def test_turn_near_then_called_each_once(make_office: OfficeFactory, sqlite_url: str) -> None:
    office, clock, _ = make_office(sqlite_url, extra_service=AKTA_BOOKING,
                                   extra_tables=notify_table("http://127.0.0.1:9/kirim"))
    desk = desk_for(office)
    code = book(desk, date(2026, 11, 24), "08:00", phone_number(1))["code"]
    clock.set(datetime(2026, 11, 24, 7, 30, tzinfo=ZoneInfo("Asia/Makassar")))
    walk_ins = [issue_ticket(office, "AKTA") for _ in range(4)]
    booked = check_in(office, code).ticket
    assert booked["number"] == "C-005"
    calling.call_next(office, 3, None)  # loket 3 serves AKTA only: 4 waiting, 3 ahead of us
    assert queue_turn_near_notices(desk, "AKTA") == 0  # 3 ahead, about 30 minutes
    calling.call_next(office, 3, None)
    assert queue_turn_near_notices(desk, "AKTA") == 1  # 2 ahead: notify_when_ahead
    calling.call_next(office, 3, None)
    assert queue_turn_near_notices(desk, "AKTA") == 0  # already told
    calling.call_next(office, 3, None)
    assert queue_called_notice(desk, walk_ins[3]["id"]) is False  # a walk-in ticket
    called = calling.call_next(office, 3, None)
    assert called is not None and called["number"] == "C-005"
    assert queue_called_notice(desk, booked["id"]) is True
    calling.recall(office, 3, None)
    assert queue_called_notice(desk, booked["id"]) is False  # a recall tells nobody again
    sent = notices(office)
    assert [kind for kind, _ in sent] == ["made", "turn_near", "called"]
    assert sent[1][1] == ("Giliran Anda sudah dekat: nomor antrean C-005 (Akta Kelahiran), "
                          "2 orang lagi (estimasi ± 20 menit). Mohon berada di ruang tunggu "
                          "Kecamatan Uji Coba.")
    assert sent[2][1] == "Nomor antrean C-005 dipanggil. Silakan menuju Loket 3, " \
                         "Kecamatan Uji Coba."


def test_a_short_estimate_is_near_too(make_office: OfficeFactory, sqlite_url: str) -> None:
    office, clock, _ = make_office(
        sqlite_url, extra_service=AKTA_BOOKING.replace("notify_when_ahead = 2",
                                                       "notify_when_ahead = 0"),
        extra_tables=notify_table("http://127.0.0.1:9/kirim"))
    desk = desk_for(office)
    code = book(desk, date(2026, 11, 24), "08:00", phone_number(1))["code"]
    clock.set(datetime(2026, 11, 24, 7, 30, tzinfo=ZoneInfo("Asia/Makassar")))
    for _ in range(3):
        issue_ticket(office, "AKTA")
    check_in(office, code)
    calling.call_next(office, 3, None)
    assert queue_turn_near_notices(desk, "AKTA") == 0  # 2 ahead, one loket: 20 minutes
    calling.call_next(office, 2, None)  # two loket open: 1 ahead is about 5 minutes
    assert queue_turn_near_notices(desk, "AKTA") == 1
