"""Two server processes claim due notices at the same moment: the second one waits for the
first one's claim and then gets none of its rows (so nothing is sent twice)."""

from __future__ import annotations

import threading
import time
from datetime import date, timedelta

from antrean.db import outbox
from tests.conftest import OfficeFactory
from tests.support.booking import AKTA_BOOKING, book, desk_for, phone_number
from tests.support.gateway import notify_table


def test_a_second_claimer_gets_nothing_the_first_one_holds(make_office: OfficeFactory,
                                                            database_url: str) -> None:
    office, _, _ = make_office(database_url, extra_service=AKTA_BOOKING,
                               extra_tables=notify_table("http://127.0.0.1:9/kirim"))
    desk = desk_for(office)
    for n in range(3):
        book(desk, date(2026, 11, 24), "08:00", phone_number(n))
    now, lease = office.now(), timedelta(minutes=2)
    second: list[int] = []

    with office.transaction() as first:
        assert len(outbox.claim_due(first, "first", now, lease, 10)) == 3

        def claim_as_second() -> None:
            with office.transaction() as session:
                second.append(len(outbox.claim_due(session, "second", now, lease, 10)))

        other = threading.Thread(target=claim_as_second)
        other.start()
        time.sleep(0.3)  # the second claimer is now waiting for the first one's locks
    other.join(10)
    assert second == [0]
