"""Bring an existing database up to the models on start.

New tables and indexes are created; columns added since a database was made are added with
ALTER TABLE (models only ever gain nullable or defaulted columns, so old rows stay valid).
Anything else (a renamed or retyped column) stops the start with a clear message instead of
guessing.
"""

from __future__ import annotations

import logging
from datetime import date, timedelta

from sqlalchemy import Column, Date, Engine, bindparam, inspect, text
from sqlalchemy.schema import CreateIndex

from antrean.db import rollup_triggers, schema_stamp
from antrean.db.connection_options import READ_ONLY_OPTION
from antrean.db.models import Base

log = logging.getLogger(__name__)
MIGRATION_LOCK = 0x616E7472  # "antr": the advisory lock key of schema migrations
# Indexes a newer one replaced: each costs a write per ticket change and serves nothing.
RETIRED_INDEXES = ("ix_tickets_day_queue",)


class SchemaError(RuntimeError):
    """The database holds a shape this version cannot move forward automatically."""


def migrate(engine: Engine) -> list[str]:
    """Create what is missing; returns the statements it ran, for the log. A database this
    version migrated already is left alone after one small read (db.schema_stamp)."""
    wanted = schema_stamp.fingerprint(engine.dialect, RETIRED_INDEXES)
    with engine.connect().execution_options(**{READ_ONLY_OPTION: True}) as connection:
        if schema_stamp.stored(connection) == wanted:
            return []
    applied: list[str] = []
    # One connection for everything: on SQLite a second one would wait for this one's lock.
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            # Processes starting together migrate one after the other, not into each other.
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
        Base.metadata.create_all(connection)
        inspector = inspect(connection)
        for table in Base.metadata.sorted_tables:
            existing = {column["name"] for column in inspector.get_columns(table.name)}
            for column in table.columns:
                if column.name not in existing:
                    applied.append(_add_column(connection, table.name, column))
            indexes = {index["name"] for index in inspector.get_indexes(table.name)}
            for index in table.indexes:
                if index.name not in indexes:
                    statement = str(CreateIndex(index).compile(dialect=engine.dialect))
                    connection.execute(text(statement))
                    applied.append(statement)
        applied += _drop_retired_indexes(connection)
        applied += _backfill_queue_at(connection)
        applied += rollup_triggers.install(connection)
        schema_stamp.stamp(connection, wanted)
    for statement in applied:
        log.info("schema migrated: %s", statement)
    return applied


def _add_column(connection: object, table: str, column: Column[object]) -> str:
    if not column.nullable and column.server_default is None:
        raise SchemaError(
            f"{table}.{column.name} is missing and has no default: migrate this database by hand"
        )
    dialect = connection.dialect  # type: ignore[attr-defined]
    column_type = column.type.compile(dialect=dialect)
    default = ""
    if column.server_default is not None:
        default = f" DEFAULT {column.server_default.arg}"  # type: ignore[attr-defined]
    statement = f'ALTER TABLE {table} ADD COLUMN "{column.name}" {column_type}{default}'
    connection.execute(text(statement))  # type: ignore[attr-defined]
    if column.unique:
        # ADD COLUMN cannot carry UNIQUE on SQLite; a unique index guards the same rule.
        unique = f'CREATE UNIQUE INDEX "uq_{table}_{column.name}" ON {table} ("{column.name}")'
        connection.execute(text(unique))  # type: ignore[attr-defined]
        statement += f"; {unique}"
    return statement


def _drop_retired_indexes(connection: object) -> list[str]:
    present = {index["name"] for index in inspect(connection).get_indexes("tickets")}
    dropped = []
    for name in RETIRED_INDEXES:
        if name in present:
            statement = f"DROP INDEX {name}"
            connection.execute(text(statement))  # type: ignore[attr-defined]
            dropped.append(statement)
    return dropped


def _backfill_queue_at(connection: object) -> list[str]:
    """Tickets from before queue_at existed stand in the queue at their issue time. Only the
    latest days' queues can still be called; ix_tickets_day finds them without a scan."""
    latest = connection.execute(text("SELECT MAX(local_day) FROM tickets")).scalar()  # type: ignore[attr-defined]
    if latest is None:
        return []
    if isinstance(latest, str):  # SQLite answers a bare SELECT's date as text
        latest = date.fromisoformat(latest)
    result = connection.execute(  # type: ignore[attr-defined]
        text("UPDATE tickets SET queue_at = issued_at "
             "WHERE local_day >= :since AND queue_at IS NULL")
        .bindparams(bindparam("since", type_=Date)), {"since": latest - timedelta(days=1)})
    return [f"queue_at set on {result.rowcount} tickets"] if result.rowcount else []
