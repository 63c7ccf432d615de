"""The webhook notifier against a real HTTP server on 127.0.0.1: signed JSON, retried with
back-off when the gateway fails, sent once, and never in the way of a booking."""

from __future__ import annotations

import json
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date

from sqlalchemy import select

from antrean.db.booking_models import OutboxMessage
from antrean.notify.factory import make_notifiers
from antrean.notify.webhook import verify
from antrean.usecases.booking.delivery import DeliveryReport, deliver_due
from tests.conftest import OfficeFactory
from tests.support.booking import AKTA_BOOKING, book, desk_for, phone_number
from tests.support.gateway import closed_port, notify_table, running_gateway

TUESDAY = date(2026, 11, 24)
SECRET = "rahasia-gateway-uji-0123"


def outbox_rows(office: object) -> list[OutboxMessage]:
    with office.transaction() as session:  # type: ignore[attr-defined]
        return list(session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))


def test_booking_made_is_posted_as_signed_json(make_office: OfficeFactory,
                                               sqlite_url: str) -> None:
    with running_gateway() as gateway:
        office, _, _ = make_office(sqlite_url, extra_service=AKTA_BOOKING,
                                   extra_tables=notify_table(gateway.url))
        made = book(desk_for(office), TUESDAY, "10:00", "0812 3456 7001", name="Budi Santoso")
        assert deliver_due(office, make_notifiers(office.settings)) == DeliveryReport(sent=1)
        [request] = gateway.received
    assert request.headers["Content-Type"] == "application/json; charset=utf-8"
    assert verify(SECRET, request.headers["X-Antrean-Signature"], request.body, time.time())
    assert not verify("another-secret-0000", request.headers["X-Antrean-Signature"],
                      request.body, time.time())
    assert not verify(SECRET, request.headers["X-Antrean-Signature"], request.body + b" ",
                      time.time())
    document = json.loads(request.body)
    assert document["id"] == request.headers["X-Antrean-Message-Id"] == f"{made['code']}:made"
    assert document["event"] == "booking.made"
    assert document["to"] == {"phone": "6281234567001", "name": "Budi Santoso"}
    assert document["booking"]["code"] == made["code"]
    assert made["code_label"] in document["text"]
    assert "Datang paling lambat pukul 10.00 WITA" in document["text"]
    assert f"http://antrean.test/b/{made['code']}" in document["text"]


def test_a_failing_gateway_is_retried_with_back_off_and_a_sent_notice_never_again(
        make_office: OfficeFactory, sqlite_url: str) -> None:
    with running_gateway() as gateway:
        gateway.statuses = [503, 502]
        office, clock, _ = make_office(sqlite_url, extra_service=AKTA_BOOKING,
                                       extra_tables=notify_table(gateway.url))
        notifiers = make_notifiers(office.settings)
        book(desk_for(office), TUESDAY)
        assert deliver_due(office, notifiers) == DeliveryReport(retrying=1)
        assert deliver_due(office, notifiers) == DeliveryReport()  # not due yet
        clock.advance(seconds=29)
        assert deliver_due(office, notifiers) == DeliveryReport()
        clock.advance(seconds=1)  # first retry after 30 s
        assert deliver_due(office, notifiers) == DeliveryReport(retrying=1)
        clock.advance(seconds=59)
        assert deliver_due(office, notifiers) == DeliveryReport()
        clock.advance(seconds=1)  # the next one waits twice as long
        assert deliver_due(office, notifiers) == DeliveryReport(sent=1)
        clock.advance(hours=2)
        assert deliver_due(office, notifiers) == DeliveryReport()
        ids = {r.headers["X-Antrean-Message-Id"] for r in gateway.received}
    assert len(gateway.received) == 3 and len(ids) == 1  # one message, tried three times
    [row] = outbox_rows(office)
    assert (row.state, row.attempts, row.last_error) == ("sent", 3, None)


def test_a_gateway_that_refuses_the_request_is_not_retried(make_office: OfficeFactory,
                                                           sqlite_url: str) -> None:
    with running_gateway() as gateway:
        gateway.statuses = [400]
        office, clock, _ = make_office(sqlite_url, extra_service=AKTA_BOOKING,
                                       extra_tables=notify_table(gateway.url))
        book(desk_for(office), TUESDAY)
        assert deliver_due(office, make_notifiers(office.settings)) == DeliveryReport(failed=1)
        clock.advance(hours=1)
        assert deliver_due(office, make_notifiers(office.settings)) == DeliveryReport()
    assert outbox_rows(office)[0].last_error == "HTTP 400 from the gateway"


def test_a_gateway_that_is_down_neither_blocks_nor_undoes_a_booking(
        make_office: OfficeFactory, sqlite_url: str) -> None:
    url = f"http://127.0.0.1:{closed_port()}/kirim"
    office, clock, _ = make_office(sqlite_url, extra_service=AKTA_BOOKING,
                                   extra_tables=notify_table(url, max_attempts=2))
    started = time.monotonic()
    made = book(desk_for(office), TUESDAY)
    assert time.monotonic() - started < 1.0  # nothing is sent on the request path
    assert made["status"] == "booked"
    notifiers = make_notifiers(office.settings)
    assert deliver_due(office, notifiers) == DeliveryReport(retrying=1)
    clock.advance(seconds=30)
    assert deliver_due(office, notifiers) == DeliveryReport(failed=1)  # max_attempts = 2
    [row] = outbox_rows(office)
    assert row.state == "failed" and row.last_error.startswith("gateway unreachable")


def test_several_processes_send_each_notice_once(make_office: OfficeFactory,
                                                 database_url: str) -> None:
    with running_gateway() as gateway:
        office, _, _ = make_office(database_url, extra_service=AKTA_BOOKING,
                                   extra_tables=notify_table(gateway.url))
        desk = desk_for(office)
        codes = {book(desk, TUESDAY, "08:00", phone_number(n))["code"] for n in range(5)}
        notifiers = make_notifiers(office.settings)
        start = threading.Barrier(4)

        def sender(_: int) -> DeliveryReport:
            start.wait()  # four processes wake at the same moment
            return deliver_due(office, notifiers)

        with ThreadPoolExecutor(4) as pool:
            reports = list(pool.map(sender, range(4)))
        sent = [json.loads(r.body)["booking"]["code"] for r in gateway.received]
    assert sum(r.sent for r in reports) == 5
    assert sorted(sent) == sorted(codes)
