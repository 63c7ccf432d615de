"""The e-mail notifier against a real SMTP server on 127.0.0.1 (aiosmtpd)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from email import message_from_bytes
from email.message import Message
from email.policy import default

import pytest
from aiosmtpd.controller import Controller

from antrean.notify.factory import make_notifiers
from antrean.usecases.booking.delivery import DeliveryReport, deliver_due
from antrean.usecases.booking.making import cancel_booking
from tests.conftest import OfficeFactory
from tests.support.booking import AKTA_BOOKING, book, desk_for
from tests.support.gateway import closed_port

TUESDAY = date(2026, 11, 24)


class Mailbox:
    def __init__(self) -> None:
        self.messages: list[tuple[str, list[str], Message]] = []

    async def handle_DATA(self, server: object, session: object,  # noqa: N802
                          envelope: object) -> str:
        content = envelope.content  # type: ignore[attr-defined]
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos),  # type: ignore[attr-defined]
                              message_from_bytes(content, policy=default)))
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_server() -> Iterator[tuple[int, Mailbox]]:
    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=closed_port())
    controller.start()
    try:
        yield controller.port, mailbox
    finally:
        controller.stop()


def smtp_table(port: int) -> str:
    return (f'\n[notify]\nsmtp_host = "127.0.0.1"\nsmtp_port = {port}\n'
            'email_from = "Antrean Kecamatan <antrean@kecamatan.go.id>"\n')


def test_booking_made_and_cancelled_arrive_by_e_mail_once_each(
        make_office: OfficeFactory, sqlite_url: str,
        smtp_server: tuple[int, Mailbox]) -> None:
    port, mailbox = smtp_server
    office, _, _ = make_office(sqlite_url, extra_service=AKTA_BOOKING,
                               extra_tables=smtp_table(port))
    desk = desk_for(office)
    notifiers = make_notifiers(office.settings)
    made = book(desk, TUESDAY, "10:00", email="siti@contoh.id")
    book(desk, TUESDAY, "13:00", "0812 3456 7002")  # no e-mail given: nothing to send
    assert deliver_due(office, notifiers) == DeliveryReport(sent=1)
    cancel_booking(desk, made["code"], "http://antrean.test")
    assert deliver_due(office, notifiers) == DeliveryReport(sent=1)
    assert deliver_due(office, notifiers) == DeliveryReport()
    assert [m[1] for m in mailbox.messages] == [["siti@contoh.id"], ["siti@contoh.id"]]
    first, second = (m[2] for m in mailbox.messages)
    assert first["Subject"] == "Booking antrean berhasil - Kecamatan Uji Coba"
    assert first["To"] == "Siti Aminah <siti@contoh.id>"
    assert first["X-Antrean-Message-Id"] == f"{made['code']}:made"
    body = first.get_content()
    assert made["code_label"] in body and "sesi 10.00-12.00 WITA" in body
    assert second["Subject"] == "Booking antrean dibatalkan - Kecamatan Uji Coba"
    assert "telah dibatalkan" in second.get_content()


def test_a_mail_server_that_is_down_is_retried(make_office: OfficeFactory,
                                               sqlite_url: str) -> None:
    office, clock, _ = make_office(sqlite_url, extra_service=AKTA_BOOKING,
                                   extra_tables=smtp_table(closed_port()))
    made = book(desk_for(office), TUESDAY, email="siti@contoh.id")
    assert made["status"] == "booked"
    assert deliver_due(office, make_notifiers(office.settings)) == DeliveryReport(retrying=1)
