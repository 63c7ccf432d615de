"""The report itself, run end to end: the within-target share and the write lock."""

from __future__ import annotations

import threading
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, event, func, select

from antrean.db.models import Ticket
from antrean.usecases.queue import calling
from antrean.usecases.queue.issuing import issue_ticket
from antrean.usecases.reports.reports import stats
from tests.conftest import OfficeFactory

ZONE = ZoneInfo("Asia/Makassar")
KK_TARGET_SECONDS = 20 * 60  # tests/support/configs.py: KK target_wait_minutes = 20


def test_a_wait_exactly_equal_to_its_target_is_within_it(make_office: OfficeFactory,
                                                        database_url: str) -> None:
    office, clock, _ = make_office(database_url, at=datetime(2026, 11, 23, 9, 0, tzinfo=ZONE))
    on_target = issue_ticket(office, "KK")
    clock.advance(seconds=1)
    one_second_late = issue_ticket(office, "KK")
    clock.advance(seconds=KK_TARGET_SECONDS - 1)  # 09.20.00: the first waited exactly 20 min
    assert calling.call_next(office, 1, None)["id"] == on_target["id"]  # type: ignore[index]
    clock.advance(seconds=2)  # 09.20.02: the second waited 20 min and 1 s
    assert calling.call_next(office, 1, None)["id"] == one_second_late["id"]  # type: ignore[index]

    day = clock().astimezone(ZONE).date()
    report = stats(office, day, day)
    kk = next(s for s in report["services"] if s["service"] == "KK")
    assert kk["waiting_seconds"]["count"] == 2
    assert kk["waiting_seconds"]["max"] == KK_TARGET_SECONDS + 1
    assert kk["within_target_share"] == 0.5  # 1200 s is within a 1200 s target; 1201 s is not
    assert report["overall"]["within_target_share"] == 0.5
    assert stats(office, day, day, "KK")["overall"]["within_target_share"] == 0.5


def engine_of(office: Any) -> Engine:
    engine: Engine = office.sessions.kw["bind"]
    return engine


def test_a_report_on_sqlite_does_not_hold_the_write_lock(make_office: OfficeFactory,
                                                         sqlite_url: str) -> None:
    """A kiosk issues a ticket while the report is in the middle of its transaction."""
    office, _, _ = make_office(sqlite_url)
    issue_ticket(office, "KTP")
    report_thread = threading.get_ident()
    issued: dict[str, Any] = {}
    kiosks: list[threading.Thread] = []
    waited: list[bool] = []

    def issue_while_the_report_runs(_conn: Any, _cursor: Any, statement: str,
                                    *_: Any) -> None:
        if threading.get_ident() != report_thread or kiosks:
            return
        if statement.lstrip().upper().startswith("BEGIN"):
            return
        # The report's transaction has begun and run its first statement: a kiosk issues now.
        kiosk = threading.Thread(target=lambda: issued.update(issue_ticket(office, "KTP")))
        kiosks.append(kiosk)
        kiosk.start()
        kiosk.join(timeout=5)  # a report holding the write lock keeps the kiosk waiting
        waited.append(kiosk.is_alive())

    engine = engine_of(office)
    event.listen(engine, "after_cursor_execute", issue_while_the_report_runs)
    try:
        day = office.today().date()
        report = stats(office, day, day)
    finally:
        event.remove(engine, "after_cursor_execute", issue_while_the_report_runs)
        for kiosk in kiosks:
            kiosk.join(timeout=60)
    assert waited == [False], "the kiosk had to wait for the report's transaction"
    assert issued["number"] == "A-002"
    # The report ran to its end on the snapshot it started with, before the kiosk's ticket.
    assert report["overall"]["issued"] == 1
    with office.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Ticket)) == 2
