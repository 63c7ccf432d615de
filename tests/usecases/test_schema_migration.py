"""An office upgrading Antrean keeps its database: missing columns are added on start."""

from sqlalchemy import inspect, text

from antrean.db.engine import create_schema, make_engine
from antrean.usecases.queue import calling
from antrean.usecases.queue.issuing import issue_ticket
from tests.conftest import OfficeFactory
from tests.support.databases import as_made_by_an_older_version


def test_a_database_from_an_older_version_gains_new_columns_and_keeps_its_rows(
        make_office: OfficeFactory, database_url: str) -> None:
    office, _, _ = make_office(database_url)
    issue_ticket(office, "KTP")
    engine = make_engine(database_url)
    with engine.begin() as connection:  # pretend the database predates this column
        connection.execute(text("ALTER TABLE tickets DROP COLUMN first_called_at"))
        as_made_by_an_older_version(connection)
    assert "first_called_at" not in {c["name"] for c in inspect(engine).get_columns("tickets")}
    create_schema(engine)
    assert "first_called_at" in {c["name"] for c in inspect(engine).get_columns("tickets")}
    engine.dispose()
    assert issue_ticket(office, "KTP")["number"] == "A-002"


def test_an_upgrade_mid_day_keeps_todays_queue_in_order(
        make_office: OfficeFactory, database_url: str) -> None:
    """Tickets from before queue_at existed get their issue time, and the index that ordered
    the queue by issue time goes."""
    office, clock, _ = make_office(database_url)
    first = issue_ticket(office, "KTP")
    engine = make_engine(database_url)
    with engine.begin() as connection:  # pretend the tickets predate queue_at and its index
        connection.execute(text("UPDATE tickets SET queue_at = NULL"))
        connection.execute(text("CREATE INDEX ix_tickets_day_queue ON tickets "
                                "(service_code, local_day, status, priority_rank, issued_at, id)"))
        as_made_by_an_older_version(connection)
    create_schema(engine)
    indexes = {index["name"] for index in inspect(engine).get_indexes("tickets")}
    assert "ix_tickets_day_queue" not in indexes and "ix_tickets_day_queue_at" in indexes
    engine.dispose()
    second = issue_ticket(office, "KTP")
    assert second["ahead"] == 1
    assert calling.call_next(office, 1, None)["number"] == first["number"]  # type: ignore[index]
