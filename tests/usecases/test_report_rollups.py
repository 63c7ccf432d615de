"""Reports from roll-ups agree with the raw event log, on SQLite and PostgreSQL.

Random office days (tests/support/random_history.py) are played through the use cases, each
running past local midnight; every report is compared, figure by figure, with the plain
Python computation from the raw logs (tests/support/report_oracle.py): counts, sums, means,
maxima and within-target shares exactly, medians and p90s within 10 s.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import event, select, text

from antrean.cli import rollup_command
from antrean.db import report_queries
from antrean.db.engine import create_schema
from antrean.db.models import TicketEvent
from antrean.db.rollup_models import DAY, MONTH, ReportChange, RollupHead
from antrean.usecases.context import Office
from antrean.usecases.queue import calling, serving
from antrean.usecases.queue.counter_holding import release_counter
from antrean.usecases.queue.issuing import issue_ticket
from antrean.usecases.reports import rollups
from antrean.usecases.reports.reports import stats
from tests.conftest import OfficeFactory
from tests.support.clock import ManualClock
from tests.support.databases import as_made_by_an_older_version
from tests.support.random_history import random_history
from tests.support.report_oracle import assert_same_report, oracle_stats

ZONES = ["Asia/Jayapura", "Asia/Jakarta"]
FEB_2, FEB_27, FEB_28 = date(2026, 2, 2), date(2026, 2, 27), date(2026, 2, 28)
FEB, MAR, MAR_31 = date(2026, 2, 1), date(2026, 3, 1), date(2026, 3, 31)


def same_as_the_log(office: Office, first: date, last: date,
                    service: str | None = None) -> dict[str, Any]:
    report = stats(office, first, last, service)
    assert_same_report(report, oracle_stats(office, first, last, service))
    return report


def rolled_up(office: Office, span: str) -> set[date]:
    with office.read_transaction() as session:
        return set(session.scalars(select(RollupHead.day).where(RollupHead.span == span)))


def changed(office: Office) -> set[date]:
    with office.read_transaction() as session:
        return set(session.scalars(select(ReportChange.day)))


def gathered(office: Office, first: date, last: date) -> rollups.PeriodTallies:
    with office.read_transaction() as session:
        report_queries.use_one_snapshot(session)
        return rollups.gather(session, office, first, last, None, rollups.signature(office))


def at(clock: ManualClock, zone: str, day: date, hour: int, minute: int = 0) -> None:
    clock.set(datetime(day.year, day.month, day.day, hour, minute, tzinfo=ZoneInfo(zone)))


def leave_one_at_counter_over_midnight(office: Office, clock: ManualClock, zone: str,
                                       day: date, user: int) -> str:
    at(clock, zone, day, 23, 52)
    issue_ticket(office, "KTP")
    release_counter(office, 2, None)  # whoever held loket 2 went home without signing out
    called = calling.call_next(office, 2, user)
    assert called is not None
    return str(called["id"])


@pytest.mark.parametrize("zone", ZONES)
def test_reports_agree_with_the_event_log_before_and_after_rolling_up_and_after_changes(
        make_office: OfficeFactory, database_url: str, zone: str) -> None:
    office, clock, _ = make_office(database_url, timezone=zone)
    history = random_history(office, clock, seed=len(zone), days=[FEB_2])
    history.play_day(FEB_27, 25, until_after_midnight=-10)
    late = leave_one_at_counter_over_midnight(office, clock, zone, FEB_27, history.petugas[0])
    at(clock, zone, FEB_28, 0, 10)

    first = same_as_the_log(office, FEB, FEB_28)  # from the log; days before today are kept
    assert first["overall"]["issued"] > 40 and first["overall"]["served"] > 10
    kept = rolled_up(office, DAY)
    assert {FEB_2, date(2026, 2, 3), FEB_27} <= kept and not changed(office) & kept

    clock.advance(minutes=10)
    serving.finish(office, late, history.petugas[0])  # Feb 27's events change after roll-up
    assert FEB_27 in changed(office)
    same_as_the_log(office, FEB_27, FEB_27)
    same_as_the_log(office, FEB, FEB_28, "KTP")

    history.play_day(FEB_28, 25)  # runs into 1 March
    at(clock, zone, MAR, 0, 45)
    issue_ticket(office, "AKTA")  # a ticket of 1 March, whatever the dice said
    at(clock, zone, date(2026, 4, 10), 9)
    same_as_the_log(office, FEB, MAR_31)
    assert rolled_up(office, MONTH) == {FEB, MAR}
    period = gathered(office, FEB, MAR_31)
    assert not period.computed and period.months == [FEB, MAR]  # read from roll-ups only
    same_as_the_log(office, FEB, MAR_31)
    same_as_the_log(office, FEB, MAR_31, "KK")
    same_as_the_log(office, date(2026, 2, 15), MAR)
    same_as_the_log(office, FEB_2, FEB_2)


@pytest.mark.parametrize("zone", ZONES[:1])
def test_a_correction_made_in_the_database_by_hand_reaches_every_report(
        make_office: OfficeFactory, database_url: str, zone: str) -> None:
    office, clock, _ = make_office(database_url, timezone=zone)
    random_history(office, clock, seed=5, days=[FEB_2, FEB_27])
    at(clock, zone, date(2026, 4, 10), 9)
    same_as_the_log(office, FEB, MAR_31)
    assert FEB in rolled_up(office, MONTH)
    with office.transaction() as session:  # as an operator would in psql
        events = session.scalars(select(TicketEvent).order_by(TicketEvent.id)).all()
        by_ticket: dict[int, dict[str, TicketEvent]] = {}
        for event in events:
            by_ticket.setdefault(event.ticket_id, {}).setdefault(event.event, event)
        # The longest wait and the longest service of February: the month's maxima go.
        waited = max((t for t in by_ticket.values() if "call" in t),
                     key=lambda t: t["call"].at - t["issue"].at)
        served = max((t for t in by_ticket.values() if "finish" in t and "start" in t),
                     key=lambda t: t["finish"].at - t["start"].at)
        waited["call"].at = waited["issue"].at + timedelta(minutes=1)
        session.delete(served["finish"])
        touched = {waited["issue"].local_day, served["issue"].local_day}
    assert changed(office) == touched
    period = gathered(office, FEB, MAR_31)
    # February's month rows are used still, less the stored rows of the changed days, plus
    # what their events say now; maxima are summed again over the other days.
    assert set(period.computed) == touched and period.months == [FEB]
    same_as_the_log(office, FEB, MAR_31)  # then the two days are rolled up again
    assert not changed(office) and FEB in rolled_up(office, MONTH)
    same_as_the_log(office, FEB, MAR_31)


def test_days_and_hours_follow_a_zone_whose_offset_changed_in_the_past(
        make_office: OfficeFactory, database_url: str) -> None:
    """Pontianak moved from UTC+8 to UTC+7 at midnight of 1 January 1988: 31 December 1987
    had 25 hours there, the hour from 23.00 twice."""
    zone = "Asia/Pontianak"
    office, clock, _ = make_office(database_url, timezone=zone)
    new_year_eve, new_year = date(1987, 12, 31), date(1988, 1, 1)
    random_history(office, clock, seed=1988, days=[new_year_eve, new_year], tickets_per_day=20)
    same_as_the_log(office, new_year_eve, new_year)  # 2 January: the eve is rolled up
    report = same_as_the_log(office, new_year_eve, new_year)
    assert rolled_up(office, DAY) == {new_year_eve, new_year}
    assert report["hours"][23]["issued"] > 0 and report["overall"]["issued"] > 30


def test_an_event_committed_while_a_day_is_rolled_up_keeps_the_day_marked(
        make_office: OfficeFactory, database_url: str) -> None:
    zone = "Asia/Makassar"
    office, clock, _ = make_office(database_url, timezone=zone)
    history = random_history(office, clock, seed=9, days=[])
    petugas = history.petugas[1]
    late = leave_one_at_counter_over_midnight(office, clock, zone, FEB_27, petugas)
    at(clock, zone, FEB_28, 0, 10)
    read = gathered(office, FEB_27, FEB_27)
    calling.recall(office, 2, petugas)  # commits between the read and the store
    assert rollups.keep(office, read) == (1, 1)  # the day, and February from its days
    assert FEB_27 in changed(office)  # the recall left its own change row

    clock.advance(minutes=5)
    serving.start(office, late, petugas)
    older = gathered(office, FEB_27, FEB_27)
    clock.advance(minutes=5)
    serving.finish(office, late, petugas)
    newer = gathered(office, FEB_27, FEB_27)
    assert rollups.keep(office, newer) == (1, 0)  # February follows the day
    assert FEB_27 not in changed(office)
    # A builder that read before another one stored gives up: its figures are older.
    assert rollups.keep(office, older) == (0, 0)
    report = same_as_the_log(office, FEB_27, FEB_27)
    assert report["overall"]["served"] == 1 and not gathered(office, FEB_27, FEB_27).computed


def test_a_new_target_rebuilds_the_roll_ups(make_office: OfficeFactory,
                                            database_url: str) -> None:
    office, clock, _ = make_office(database_url)
    random_history(office, clock, seed=3, days=[FEB_27])
    at(clock, "Asia/Makassar", date(2026, 3, 5), 9)
    before = same_as_the_log(office, FEB_27, FEB_27)
    assert before["services"][2]["within_target_share"] is None  # AKTA has no target
    # The office restarts with a target for AKTA, on the same database.
    stricter, _, _ = make_office(database_url, extra_service="target_wait_minutes = 15")
    stricter.now = clock
    after = same_as_the_log(stricter, FEB_27, FEB_27)
    assert after["services"][2]["within_target_share"] is not None


def test_a_database_from_before_roll_ups_gets_its_triggers_and_reports_its_past(
        make_office: OfficeFactory, database_url: str) -> None:
    office, clock, _ = make_office(database_url)
    random_history(office, clock, seed=4, days=[FEB_2])
    engine = office.sessions.kw["bind"]
    with engine.begin() as connection:  # the schema of the version before roll-ups
        if engine.dialect.name == "postgresql":
            connection.execute(text("DROP TRIGGER trg_ticket_events_report ON ticket_events"))
        else:
            for kind in ("insert", "update", "delete"):
                connection.execute(text(f"DROP TRIGGER trg_ticket_events_{kind}_report"))
        connection.execute(text("DROP TABLE report_changes"))
        as_made_by_an_older_version(connection)
    create_schema(engine)
    feb_3, feb_4 = date(2026, 2, 3), date(2026, 2, 4)
    assert changed(office) == {FEB_2, feb_3}  # every day of the old log, tickets after midnight
    at(clock, "Asia/Makassar", feb_4, 9)
    same_as_the_log(office, FEB_2, feb_3)
    assert rolled_up(office, DAY) == {FEB_2, feb_3} and not changed(office)
    issue_ticket(office, "KK")  # the trigger is back
    assert changed(office) == {feb_4}


def test_a_report_of_days_already_rolled_up_and_today_writes_nothing(
        make_office: OfficeFactory, sqlite_url: str) -> None:
    """Today is read from the log and never stored: looking at it takes no write lock."""
    office, clock, _ = make_office(sqlite_url)
    random_history(office, clock, seed=12, days=[FEB_27], tickets_per_day=10)
    at(clock, "Asia/Makassar", MAR, 10)
    issue_ticket(office, "KK")
    same_as_the_log(office, FEB, MAR)  # stores February's days and month
    writes: list[str] = []

    def note_writes(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        if statement.startswith("BEGIN IMMEDIATE"):
            writes.append(statement)

    engine = office.sessions.kw["bind"]
    event.listen(engine, "before_cursor_execute", note_writes)
    try:
        same_as_the_log(office, MAR, MAR)
        same_as_the_log(office, FEB, MAR)
    finally:
        event.remove(engine, "before_cursor_execute", note_writes)
    assert writes == []


def test_run_py_rollup_rolls_up_every_changed_day_before_today(
        make_office: OfficeFactory, sqlite_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    office, clock, _ = make_office(sqlite_url)
    random_history(office, clock, seed=21, days=[FEB_2, FEB_27], tickets_per_day=10)
    with_events = changed(office)
    # The command runs on the wall clock, months after this history.
    assert rollup_command(office.settings, sqlite_url) == 0
    assert capsys.readouterr().out.startswith(f"rolled up {len(with_events)} day(s) and 1 ")
    assert not changed(office) and rolled_up(office, DAY) == with_events
    assert rolled_up(office, MONTH) == {FEB}
    at(clock, "Asia/Makassar", date(2026, 4, 10), 9)
    period = gathered(office, FEB, MAR_31)
    assert not period.computed and period.months == [FEB]
    same_as_the_log(office, FEB, MAR_31)
