"""Engine and session set-up for SQLite (default) and PostgreSQL (production)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from antrean.db import (  # noqa: F401  (each import registers its tables)
    audit_models,
    booking_models,
    complaint_models,
    counter_log_models,
    device_models,
    live_setup_models,
    media_models,
    office_models,
    pairing_models,
    printing_models,
    publication_models,
    rate_limit_models,
    request_keys,
    rollup_models,
    screen_versions,
    setup_agency_models,
    setup_models,
    standard_models,
    survey_models,
    zone_models,
)
from antrean.db.connection_options import READ_ONLY_OPTION, ROOT_SCHEMA, SCHEMA_OPTION
from antrean.db.migrate import migrate


def sqlite_url_beside(config_path: Path) -> str:
    """The default database: a SQLite file next to the configuration."""
    return f"sqlite:///{config_path.resolve().with_name('antrean.sqlite3')}"


def normalize_url(url: str) -> str:
    """Let operators write postgresql:// and still get the psycopg 3 driver."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def make_engine(url: str) -> Engine:
    url = normalize_url(url)
    if make_url(url).get_backend_name() == "sqlite":
        return _sqlite_engine(url)
    engine = create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20,
                           connect_args={"connect_timeout": 5})
    event.listen(engine, "engine_connect", _use_office_schema)
    return engine


def _use_office_schema(connection: Connection) -> None:
    """Point a pooled connection at the schema of the office that borrows it. The offices of a
    deployment share one pool; a connection moves to another office's schema only when it is
    borrowed by another office (two statements then, none otherwise). The search path holds
    that schema alone, so an unqualified name can never reach another office's table."""
    wanted = connection.get_execution_options().get(SCHEMA_OPTION, ROOT_SCHEMA)
    pooled = connection.connection
    if pooled.info.get(SCHEMA_OPTION, ROOT_SCHEMA) == wanted:
        return
    raw = pooled.dbapi_connection
    assert raw is not None
    cursor = raw.cursor()
    cursor.execute("SELECT set_config('search_path', %s, false)", (f'"{wanted}"',))
    cursor.close()
    raw.commit()  # at once, so a later rollback cannot undo it
    pooled.info[SCHEMA_OPTION] = wanted


def _sqlite_engine(url: str) -> Engine:
    # Writers take the lock at BEGIN (IMMEDIATE) so two call-next transactions queue up instead
    # of both reading the same ticket and one failing on upgrade; WAL lets readers go on.
    engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # let us issue BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        # Reports only read: a deferred BEGIN lets the queue keep writing while they run.
        read_only = connection.get_execution_options().get(READ_ONLY_OPTION)
        connection.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")

    return engine


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def create_schema(engine: Engine) -> None:
    """Create missing tables and add columns that newer versions brought."""
    migrate(engine)
