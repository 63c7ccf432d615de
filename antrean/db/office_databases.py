"""Where each office of a deployment keeps its tables: a schema of the root's PostgreSQL
database (sharing its connection pool), or a SQLite file beside the root's."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.engine import make_url

from antrean.core.offices import office_schema
from antrean.db.connection_options import SCHEMA_OPTION
from antrean.db.engine import make_engine


def office_engine(root: Engine, code: str) -> Engine:
    """The engine of office `code`; its tables are made by create_schema."""
    if root.dialect.name == "sqlite":
        return make_engine(office_sqlite_url(root.url.render_as_string(hide_password=False),
                                             code))
    schema = office_schema(code)
    with root.begin() as connection:
        connection.exec_driver_sql(f'CREATE SCHEMA IF NOT EXISTS "{schema}"')
    return root.execution_options(**{SCHEMA_OPTION: schema})


def office_sqlite_url(root_url: str, code: str) -> str:
    """antrean.sqlite3 -> antrean.kantor-<code>.sqlite3 beside it (in memory: in memory)."""
    url = make_url(root_url)
    if not url.database or url.database == ":memory:":
        return root_url
    path = Path(url.database)
    return url.set(database=str(path.with_name(f"{path.stem}.kantor-{code}{path.suffix}"))) \
        .render_as_string(hide_password=False)
