"""Throw-away databases: a SQLite file, or a fresh database on the real PostgreSQL server."""

from __future__ import annotations

import os
import queue
import shutil
import tempfile
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from antrean.db.engine import create_schema, make_engine

DEFAULT_POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def start_from_migrated_sqlite(database_url: str) -> None:
    """Before the first start on a SQLite file that does not exist yet: lay down a copy of an
    empty database this process migrated once, instead of migrating each test's from nothing
    (create_schema still runs on it and finds nothing to do). Any other URL is left alone, so
    a test that built an older schema itself is migrated from that."""
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return
    path = Path(url.database)
    if not path.exists():
        shutil.copyfile(_migrated_sqlite_template(), path)


@cache
def _migrated_sqlite_template() -> Path:
    path = Path(tempfile.mkdtemp(prefix="antrean-schema-")) / "migrated.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    create_schema(engine)
    engine.dispose()  # the last connection checkpoints the WAL into the file
    assert not path.with_name(path.name + "-wal").exists()
    return path


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
    try:
        yield make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    finally:
        admin.dispose()
        if drop_later:
            _dropper.drop(admin_url, name)
        else:
            _drop(admin_url, name)


def wait_for_drops() -> None:
    """Wait until every database handed to the background thread is dropped."""
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
    """One daemon thread per process dropping databases in the order they were handed over."""

    def __init__(self) -> None:
        self._queue: queue.Queue[tuple[str, str]] = queue.Queue()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self.errors: list[str] = []

    def drop(self, admin_url: str, name: str) -> None:
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="drop-test-databases",
                                                daemon=True)
                self._thread.start()
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
