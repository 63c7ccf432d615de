"""A database this version migrated is not read back on the next start (antrean.db.schema_stamp);
any other database is migrated in full and stamped."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, event, inspect, text

from antrean.db.engine import create_schema, make_engine
from antrean.db.office_databases import office_engine


def statements_of(engine: Engine) -> tuple[list[str], Any]:
    ran: list[str] = []

    def note(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        if statement != "BEGIN":  # SQLite's own, deferred: it locks nothing
            ran.append(statement)

    event.listen(engine, "before_cursor_execute", note)
    return ran, note


def migrated_twice(engine: Engine) -> list[str]:
    """The statements of the second start on a database."""
    create_schema(engine)
    ran, note = statements_of(engine)
    create_schema(engine)
    event.remove(engine, "before_cursor_execute", note)
    return ran


def test_a_start_on_a_database_this_version_migrated_reads_only_the_stamp(
        database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        second = migrated_twice(engine)
        assert len(second) == 2, second  # is there a stamp table, and what does it say
        assert all("schema_stamp" in statement for statement in second)
        assert not any(word in " ".join(second).upper()
                       for word in ("PRAGMA", "PG_CATALOG", "CREATE", "ALTER", "INSERT"))
    finally:
        engine.dispose()


def test_a_database_stamped_by_another_version_is_checked_and_completed(
        database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        create_schema(engine)
        with engine.begin() as connection:
            connection.execute(text("ALTER TABLE tickets DROP COLUMN first_called_at"))
            connection.execute(text("UPDATE schema_stamp SET fingerprint = 'an older version'"))
        create_schema(engine)
        assert "first_called_at" in {column["name"]
                                     for column in inspect(engine).get_columns("tickets")}
        assert len(migrated_twice(engine)) == 2  # stamped again, by this version
    finally:
        engine.dispose()


def test_each_office_schema_has_its_own_stamp(postgres_url: str) -> None:
    """The root's stamp in `public` does not stand for an office's new, empty schema."""
    root = make_engine(postgres_url)
    try:
        create_schema(root)
        office = office_engine(root, "baru")
        create_schema(office)
        with office.connect() as connection:
            tables = connection.execute(text(
                "SELECT count(*) FROM pg_tables WHERE schemaname = 'kantor_baru'")).scalar()
            stamps = connection.execute(text("SELECT count(*) FROM schema_stamp")).scalar()
        assert tables and tables > 30 and stamps == 1
        assert len(migrated_twice(office)) == 2
    finally:
        root.dispose()
