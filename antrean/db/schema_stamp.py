"""The fingerprint of the schema a database was last migrated to, kept in the database.

Bringing a database up to the models reads every table's columns and indexes back (about 40
tables): most of an app's start, and of the first request to an office of a deployment. A
start that finds the fingerprint of its own models stored skips that read: the database was
migrated by this very version. A database from another version, or one without a stamp, is
migrated as before and stamped in the same transaction.

Whoever changes the schema by hand (drops an index, a trigger) deletes the row, and the next
start checks everything again.
"""

from __future__ import annotations

import hashlib

from sqlalchemy import Connection, Dialect, Integer, String, delete, insert, select, text
from sqlalchemy.orm import Mapped, mapped_column

from antrean.db import rollup_triggers
from antrean.db.models import Base

STAMP_ROW = 1


class SchemaStamp(Base):
    __tablename__ = "schema_stamp"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(64))


_known: dict[tuple[str, tuple[str, ...], int], str] = {}


def fingerprint(dialect: Dialect, retired_indexes: tuple[str, ...]) -> str:
    """What migrate() would make of a database on `dialect`: every table, column (type,
    nullability, default, uniqueness), index and trigger, and the indexes it drops. Worked
    out once per process and kind of database (a few milliseconds)."""
    key = (dialect.name, retired_indexes, len(Base.metadata.tables))
    if key not in _known:
        _known[key] = _fingerprint(dialect, retired_indexes)
    return _known[key]


def _fingerprint(dialect: Dialect, retired_indexes: tuple[str, ...]) -> str:
    parts: list[str] = [f"retired {retired_indexes}"]
    for table in Base.metadata.sorted_tables:
        parts.append(f"table {table.name}")
        for column in table.columns:
            default = column.server_default.arg if column.server_default is not None else None  # type: ignore[attr-defined]
            parts.append(f"column {column.name} {column.type.compile(dialect=dialect)} "
                         f"{column.nullable} {default!s} {column.unique}")
        for index in sorted(table.indexes, key=lambda index: str(index.name)):
            parts.append(f"index {index.name} {index.unique} "
                         f"{[str(expression) for expression in index.expressions]}")
    if dialect.name == "postgresql":
        parts += [rollup_triggers.POSTGRES_FUNCTION, rollup_triggers.POSTGRES_CREATE]
    else:
        parts += sorted(rollup_triggers.SQLITE_TRIGGERS.values())
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def stored(connection: Connection) -> str | None:
    """The fingerprint this database was stamped with, if any (no table: never stamped)."""
    if connection.dialect.name == "postgresql":
        # The connection's search path: the office's own schema (db.office_databases).
        present = connection.execute(text("SELECT to_regclass('schema_stamp')")).scalar()
    else:
        present = connection.execute(text(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'schema_stamp'"
        )).scalar()
    if present is None:
        return None
    return connection.execute(
        select(SchemaStamp.fingerprint).where(SchemaStamp.id == STAMP_ROW)).scalar()


def stamp(connection: Connection, value: str) -> None:
    connection.execute(delete(SchemaStamp))
    connection.execute(insert(SchemaStamp).values(id=STAMP_ROW, fingerprint=value))
