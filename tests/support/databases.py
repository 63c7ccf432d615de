"""Throw-away databases: a SQLite file, or a fresh database on the real PostgreSQL server."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

DEFAULT_POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def postgres_admin_url() -> str:
    return os.environ.get("ANTREAN_TEST_POSTGRES_URL", DEFAULT_POSTGRES)


def postgres_required() -> bool:
    """A PostgreSQL test may skip only where nobody asked for PostgreSQL: once
    ANTREAN_TEST_POSTGRES_URL is set (or on CI), an unreachable server fails the test."""
    return bool(os.environ.get("ANTREAN_TEST_POSTGRES_URL") or os.environ.get("CI"))


@contextmanager
def fresh_postgres_database(admin_url: str | None = None) -> Iterator[str]:
    """CREATE a uniquely named database, hand out its URL, DROP it afterwards (tests and
    benchmarks alike)."""
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
        with admin.connect() as connection:
            connection.execute(text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :name"
            ), {"name": name})
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        admin.dispose()
