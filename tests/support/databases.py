"""Throw-away databases: a SQLite file, or a fresh database on the real PostgreSQL server."""

from __future__ import annotations

import os
import queue
import shutil
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import pytest
from sqlalchemy import Connection, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.pool import NullPool

from antrean.db.engine import create_schema, make_engine

DEFAULT_POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def start_from_migrated(database_url: str) -> None:
    """Before an office's first start on a test database that holds nothing yet (a SQLite
    file that does not exist, a fresh PostgreSQL database without tables): swap in a copy of
    an empty database this process migrated once, instead of migrating each test's from
    nothing (create_schema still runs on it and finds nothing to do). A database a test has
    put tables in itself (an older schema) is left alone, and migrated from there."""
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        path = Path(str(url.database))
        if not path.exists():
            shutil.copyfile(_migrated_sqlite_template(), path)
    elif url.database in _untouched_postgres:
        _untouched_postgres.discard(url.database)
        _start_from_migrated_postgres(database_url)


@cache
def _migrated_sqlite_template() -> Path:
    path = Path(tempfile.mkdtemp(prefix="antrean-schema-")) / "migrated.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    create_schema(engine)
    engine.dispose()  # the last connection checkpoints the WAL into the file
    assert not path.with_name(path.name + "-wal").exists()
    return path


# Databases fresh_postgres_database made and nobody started an office on yet.
_untouched_postgres: set[str] = set()


def _start_from_migrated_postgres(database_url: str) -> None:
    """Rename the fresh database away (dropped later) and CREATE it again from a migrated
    template; if anyone is connected to it, leave it as it is."""
    name = str(make_url(database_url).database)
    probe = create_engine(database_url, poolclass=NullPool)
    with probe.connect() as connection:
        tables = connection.execute(text(
            "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")).scalar()
    probe.dispose()
    if tables:
        return
    admin_url = postgres_admin_url()
    template = _migrated_postgres_template(admin_url)
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    try:
        with admin.connect() as connection:
            for attempt in range(20):  # the probe's backend may still be leaving
                try:
                    connection.execute(text(
                        f'ALTER DATABASE "{name}" RENAME TO "{name}_empty"'))
                    break
                except OperationalError:
                    if attempt == 19:
                        return
                    time.sleep(0.05)
            try:
                connection.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
            except Exception:
                connection.execute(text(f'ALTER DATABASE "{name}_empty" RENAME TO "{name}"'))
                raise
    finally:
        admin.dispose()
    _dropper.drop(admin_url, f"{name}_empty")


@cache
def _migrated_postgres_template(admin_url: str) -> str:
    name = f"antrean_template_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    _templates.append((admin_url, name))
    engine = make_engine(make_url(admin_url).set(database=name)
                         .render_as_string(hide_password=False))
    create_schema(engine)
    engine.dispose()
    return name


_templates: list[tuple[str, str]] = []


postgres_allowed: bool | None = None
"""Under pytest, whether the running test is marked postgres (tests/conftest.py sets it);
None elsewhere (benchmarks)."""


def postgres_admin_url() -> str:
    return os.environ.get("ANTREAN_TEST_POSTGRES_URL", DEFAULT_POSTGRES)


def postgres_required() -> bool:
    """A PostgreSQL test may skip only where nobody asked for PostgreSQL: once
    ANTREAN_TEST_POSTGRES_URL is set (or on CI), an unreachable server fails the test."""
    return bool(os.environ.get("ANTREAN_TEST_POSTGRES_URL") or os.environ.get("CI"))


@contextmanager
def fresh_postgres_database(admin_url: str | None = None,
                            drop_later: bool = False) -> Iterator[str]:
    """CREATE a uniquely named database, hand out its URL, DROP it afterwards (tests and
    benchmarks alike). `drop_later`: the DROP (a second or more: PostgreSQL waits for a
    checkpoint) is left to a background thread, and wait_for_drops() waits for it."""
    admin_url = admin_url or postgres_admin_url()
    name = f"antrean_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT",
                          connect_args={"connect_timeout": 3})
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # noqa: BLE001 - any failure means: no server to test against
        admin.dispose()
        if postgres_required():
            pytest.fail(f"PostgreSQL not reachable at {admin_url}, although "
                        f"ANTREAN_TEST_POSTGRES_URL (or CI) asks for it: {exc}", pytrace=False)
        pytest.skip(f"PostgreSQL not reachable at {admin_url}: {exc}")
    _untouched_postgres.add(name)
    try:
        if postgres_allowed is False:
            pytest.fail("this test uses PostgreSQL but is not marked postgres (tests/conftest.py "
                        "marks the postgres_url fixture and \"postgres\" parameters; "
                        "otherwise add @pytest.mark.postgres)", pytrace=False)
        yield make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    finally:
        _untouched_postgres.discard(name)
        admin.dispose()
        if drop_later:
            _dropper.drop(admin_url, name)
        else:
            _drop(admin_url, name)


def wait_for_drops() -> None:
    """Drop this process's templates, and wait until every database handed to the background
    thread is dropped."""
    while _templates:
        _dropper.drop(*_templates.pop())
    _dropper.wait()


def _drop(admin_url: str, name: str) -> None:
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT",
                          connect_args={"connect_timeout": 3})
    try:
        with admin.connect() as connection:
            # FORCE: connections a test left open (a server it started, a leaked pool) go.
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()


class _Dropper:
    """A few daemon threads per process dropping the databases handed to them: the
    checkpoints of DROPs running together are shared (three in 1.6 s, against 3.3 s one after
    the other)."""

    THREADS = 3

    def __init__(self) -> None:
        self._queue: queue.Queue[tuple[str, str]] = queue.Queue()
        self._threads: list[threading.Thread] = []
        self._lock = threading.Lock()
        self.errors: list[str] = []

    def drop(self, admin_url: str, name: str) -> None:
        with self._lock:
            while len(self._threads) < self.THREADS:
                thread = threading.Thread(target=self._run, name="drop-test-databases",
                                          daemon=True)
                thread.start()
                self._threads.append(thread)
        self._queue.put((admin_url, name))

    def wait(self) -> None:
        self._queue.join()
        if self.errors:
            raise RuntimeError("test databases left behind: " + "; ".join(self.errors))

    def _run(self) -> None:
        while True:
            admin_url, name = self._queue.get()
            try:
                _drop(admin_url, name)
            except Exception as exc:  # noqa: BLE001 - reported by wait()
                self.errors.append(f"{name}: {exc}")
            finally:
                self._queue.task_done()


_dropper = _Dropper()


def as_made_by_an_older_version(connection: Connection) -> None:
    """A test that takes a migrated database back to an older version's shape also takes
    away this version's stamp (antrean.db.schema_stamp), as that version never wrote it."""
    connection.execute(text("DELETE FROM schema_stamp"))
