"""Bring an existing database up to the models on start.

New tables and indexes are created; columns added since a database was made are added with
ALTER TABLE (models only ever gain nullable or defaulted columns, so old rows stay valid).
Anything else (a renamed or retyped column) stops the start with a clear message instead of
guessing.
"""

from __future__ import annotations

import logging

from sqlalchemy import Column, Engine, inspect, text
from sqlalchemy.schema import CreateIndex

from antrean.db import rollup_triggers
from antrean.db.models import Base

log = logging.getLogger(__name__)
MIGRATION_LOCK = 0x616E7472  # "antr": the advisory lock key of schema migrations


class SchemaError(RuntimeError):
    """The database holds a shape this version cannot move forward automatically."""


def migrate(engine: Engine) -> list[str]:
    """Create what is missing; returns the statements it ran, for the log."""
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
        applied += rollup_triggers.install(connection)
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
