"""An office upgrading Antrean keeps its database: missing columns are added on start."""

from sqlalchemy import inspect, text

from antrean.db.engine import create_schema, make_engine
from antrean.usecases.queue.issuing import issue_ticket
from tests.conftest import OfficeFactory


def test_a_database_from_an_older_version_gains_new_columns_and_keeps_its_rows(
        make_office: OfficeFactory, database_url: str) -> None:
    office, _, _ = make_office(database_url)
    issue_ticket(office, "KTP")
    engine = make_engine(database_url)
    with engine.begin() as connection:  # pretend the database predates this column
        connection.execute(text("ALTER TABLE tickets DROP COLUMN first_called_at"))
    assert "first_called_at" not in {c["name"] for c in inspect(engine).get_columns("tickets")}
    create_schema(engine)
    assert "first_called_at" in {c["name"] for c in inspect(engine).get_columns("tickets")}
    engine.dispose()
    assert issue_ticket(office, "KTP")["number"] == "A-002"
