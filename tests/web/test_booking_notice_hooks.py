"""Calls at the counter tell booked citizens, from a background task after the commit: turn
near, then called, each once; a walk-in's call tells nobody."""

from __future__ import annotations

import time
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select

from antrean.db.booking_models import OutboxMessage
from tests.support.app import AppFactory, AppUnderTest
from tests.support.booking import AKTA_BOOKING
from tests.support.gateway import notify_table

BODY = {"service": "AKTA", "date": "2026-11-24", "session": "08:00", "name": "Siti Aminah",
        "phone": "0812 3456 7001"}


def outbox_messages(app: AppUnderTest, count: int) -> list[str]:
    """The notices queued so far, once `count` are there (the hooks run in the background)."""
    deadline = time.monotonic() + 10
    while True:
        with app.office.transaction() as session:
            rows = session.scalars(select(OutboxMessage.message).order_by(OutboxMessage.id))
            messages = list(rows)
        if len(messages) >= count or time.monotonic() > deadline:
            return messages
        time.sleep(0.05)


def test_calls_tell_the_booked_citizen_turn_near_then_called_once_each(
        make_app: AppFactory) -> None:
    app = make_app(extra_service=AKTA_BOOKING,
                   extra_tables=notify_table("http://127.0.0.1:9/gateway-down"))
    app.add_user("budi")
    staff = app.bearer("budi")
    phone = app.client()
    code = phone.post("/api/v1/bookings", json=BODY).get_json()["code"]
    app.clock.set(datetime(2026, 11, 24, 7, 30, tzinfo=ZoneInfo("Asia/Makassar")))
    walk_ins = [phone.post("/api/v1/tickets", json={"service": "AKTA", "channel": "kiosk"})
                .get_json() for _ in range(3)]
    booked = app.paired("kiosk").post(f"/api/v1/bookings/{code}/check-in").get_json()["ticket"]
    assert booked["ahead"] == 3  # they came before 08.00, the session start
    assert outbox_messages(app, 1) == ["made"]

    def call_next() -> str:
        called = phone.post("/api/v1/counters/3/call-next", headers=staff)
        assert called.status_code == 200, called.text  # a gateway that is down blocks nothing
        return str(called.get_json()["number"])

    assert call_next() == walk_ins[0]["number"]
    assert outbox_messages(app, 2) == ["made", "turn_near"]  # 2 ahead: notify_when_ahead
    assert call_next() == walk_ins[1]["number"]
    assert call_next() == walk_ins[2]["number"]
    assert call_next() == booked["number"]
    assert outbox_messages(app, 3) == ["made", "turn_near", "called"]
    assert phone.post("/api/v1/counters/3/recall", headers=staff).status_code == 200
    time.sleep(0.5)  # what a recall would have queued has been written by now
    assert outbox_messages(app, 3) == ["made", "turn_near", "called"]
