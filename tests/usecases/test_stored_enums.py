"""Ticket status, loket state and role are enums in the code and the same plain strings in the
database as before: an office's existing database, SQLite or PostgreSQL, keeps working."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import StatementError
from sqlalchemy.schema import CreateTable

from antrean.core.access import Role
from antrean.core.counter_status import CounterStatus
from antrean.core.ticket import TicketStatus
from antrean.db import queries
from antrean.db.counter_log_models import CounterStateChange
from antrean.db.device_models import Device
from antrean.db.models import CounterState, Ticket, User
from antrean.usecases.access.accounts import create_user
from antrean.usecases.queue import calling, counters
from antrean.usecases.queue.issuing import issue_ticket
from tests.conftest import OfficeFactory


@pytest.mark.parametrize("dialect", [sqlite.dialect(), postgresql.dialect()],
                         ids=["sqlite", "postgresql"])
def test_the_columns_stay_plain_strings_of_the_same_width(dialect: object) -> None:
    columns = {
        Ticket: "status VARCHAR(16) NOT NULL", CounterState: "state VARCHAR(16) NOT NULL",
        CounterStateChange: "state VARCHAR(16) NOT NULL", User: "role VARCHAR(16) NOT NULL",
        Device: "role VARCHAR(16) NOT NULL",
    }
    for model, ddl in columns.items():
        assert ddl in str(CreateTable(model.__table__).compile(dialect=dialect))  # type: ignore


def test_rows_hold_the_same_strings_and_read_back_as_enums(
        make_office: OfficeFactory, database_url: str) -> None:
    office, _, _ = make_office(database_url)
    ticket = issue_ticket(office, "KTP")
    create_user(office, "siti", "rahasia-123", "petugas")
    counters.set_counter_state(office, 2, "break", None)
    calling.call_next(office, 1, None)
    with office.transaction() as session:
        stored = [session.execute(text(sql)).scalar_one() for sql in (
            "SELECT status FROM tickets", "SELECT state FROM counter_states WHERE number = 2",
            "SELECT role FROM users WHERE username = 'siti'",
            "SELECT state FROM counter_state_changes WHERE counter_number = 1")]
        assert stored == ["called", "break", "petugas", "open"]
        assert all(type(value) is str for value in stored)
        row = queries.ticket_by_public_id(session, ticket["id"])
        assert row is not None and row.status is TicketStatus.CALLED
        assert queries.counter_state(session, 2).state is CounterStatus.BREAK
        user = session.execute(text("SELECT id FROM users WHERE username = 'siti'")).scalar_one()
        assert session.get(User, user).role is Role.PETUGAS  # type: ignore[union-attr]


def test_a_row_an_older_version_wrote_reads_as_the_enum(
        make_office: OfficeFactory, database_url: str) -> None:
    office, _, _ = make_office(database_url)
    ticket = issue_ticket(office, "KTP")
    with office.transaction() as session:
        session.execute(text("UPDATE tickets SET status = 'skipped'"))
    with office.transaction() as session:
        row = queries.ticket_by_public_id(session, ticket["id"])
        assert row is not None and row.status is TicketStatus.SKIPPED


def test_a_value_outside_the_enum_never_reaches_the_database(
        make_office: OfficeFactory, sqlite_url: str) -> None:
    office, _, _ = make_office(sqlite_url)
    ticket = issue_ticket(office, "KTP")
    with pytest.raises(StatementError, match="is not a valid TicketStatus"):
        with office.transaction() as session:
            row = queries.ticket_by_public_id(session, ticket["id"])
            assert row is not None
            row.status = "lost"  # type: ignore[assignment]
    with office.transaction() as session:
        assert session.execute(text("SELECT status FROM tickets")).scalar_one() == "waiting"
