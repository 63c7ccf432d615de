from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from antrean.core.errors import DomainError, ErrorKind
from antrean.core.ticket import Priority
from antrean.db.models import DailySequence, TicketEvent
from antrean.usecases.events import EventKind
from antrean.usecases.queue.issuing import issue_ticket
from tests.conftest import OfficeFactory

MAKASSAR = ZoneInfo("Asia/Makassar")


def test_numbers_run_per_service(make_office: OfficeFactory, sqlite_url: str) -> None:
    office, _, _ = make_office(sqlite_url)
    numbers = [issue_ticket(office, code)["number"] for code in ("KTP", "KTP", "KK", "KTP")]
    assert numbers == ["A-001", "A-002", "B-001", "A-003"]


def test_numbers_restart_at_the_offices_midnight_not_the_servers(
        make_office: OfficeFactory, sqlite_url: str) -> None:
    jayapura = ZoneInfo("Asia/Jayapura")
    office, clock, _ = make_office(sqlite_url, timezone="Asia/Jayapura",
                                   at=datetime(2026, 11, 23, 23, 50, tzinfo=jayapura))
    assert issue_ticket(office, "KTP")["number"] == "A-001"
    assert issue_ticket(office, "KTP")["number"] == "A-002"
    # 00.10 WIT is still 15.10 UTC of the previous day: a UTC server day would not reset here.
    clock.set(datetime(2026, 11, 24, 0, 10, tzinfo=jayapura))
    assert clock().astimezone(UTC).day == 23
    assert issue_ticket(office, "KTP")["number"] == "A-001"


def test_a_new_ticket_reports_people_ahead_and_an_estimate(
        make_office: OfficeFactory, sqlite_url: str) -> None:
    office, _, publisher = make_office(sqlite_url)
    first = issue_ticket(office, "KTP")
    second = issue_ticket(office, "KTP")
    assert first["ahead"] == 0 and first["estimated_wait_seconds"] == 0
    assert second["ahead"] == 1
    assert second["estimated_wait_seconds"] == 600  # one person x 10 minutes, no counter open
    assert second["status"] == "waiting"
    assert [e.kind for e in publisher.events] == [EventKind.ISSUED, EventKind.UPDATE] * 2


def test_the_daily_quota_is_enforced_and_a_refusal_uses_no_number(
        make_office: OfficeFactory, sqlite_url: str) -> None:
    office, _, _ = make_office(sqlite_url, quota=2)
    issue_ticket(office, "KTP")
    issue_ticket(office, "KTP")
    with pytest.raises(DomainError) as raised:
        issue_ticket(office, "KTP")
    assert raised.value.code == "quota_full"
    assert raised.value.message == "Kuota layanan hari ini sudah habis."
    with office.sessions() as session:  # the day's sequence still stands at the last number
        assert session.get(DailySequence, ("KTP", office.today().date())).last_sequence == 2


def test_numbers_are_refused_outside_issuing_hours(make_office: OfficeFactory,
                                                   sqlite_url: str) -> None:
    hours = 'issuing_hours = { senin = "08:00-12:00", jumat = "08:00-10:00" }'
    office, clock, _ = make_office(
        sqlite_url, extra_service=hours,
        at=datetime(2026, 11, 23, 11, 59, tzinfo=MAKASSAR),  # a Monday
    )
    assert issue_ticket(office, "AKTA")["number"] == "C-001"
    clock.set(datetime(2026, 11, 23, 12, 0, tzinfo=MAKASSAR))
    with pytest.raises(DomainError) as raised:
        issue_ticket(office, "AKTA")
    assert raised.value.kind is ErrorKind.REFUSED
    assert "08.00-12.00" in raised.value.message
    clock.set(datetime(2026, 11, 24, 9, 0, tzinfo=MAKASSAR))  # Tuesday: not open at all
    with pytest.raises(DomainError) as raised:
        issue_ticket(office, "AKTA")
    assert "tidak dibuka hari ini" in raised.value.message


def test_unknown_service_is_an_invalid_field(office) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(DomainError) as raised:
        issue_ticket(office, "XYZ")
    assert raised.value.kind is ErrorKind.INVALID


def test_issuing_is_logged(make_office: OfficeFactory, sqlite_url: str) -> None:
    office, _, _ = make_office(sqlite_url)
    issue_ticket(office, "KTP", Priority.LANSIA)
    with office.sessions() as session:
        events = session.scalars(select(TicketEvent)).all()
    assert [(e.event, e.service_code, e.detail) for e in events] == [("issue", "KTP", "lansia")]
