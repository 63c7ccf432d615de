"""Fixtures: a real office on a real database, and real servers on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from antrean.config import load_settings
from antrean.db.engine import create_schema, make_engine, make_session_factory
from antrean.usecases.context import Office
from antrean.usecases.events import RecordingPublisher
from tests.support.clock import ManualClock
from tests.support.configs import write_config
from tests.support.databases import fresh_postgres_database
from tests.support.live_server import LiveServer


@pytest.fixture
def postgres_url() -> Iterator[str]:
    with fresh_postgres_database() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """Runs the test once on SQLite and once on the real PostgreSQL server."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'antrean.sqlite3'}"
    else:
        with fresh_postgres_database() as url:
            yield url


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'antrean.sqlite3'}"


OfficeFactory = Callable[..., tuple[Office, ManualClock, RecordingPublisher]]


@pytest.fixture
def make_office(tmp_path: Path) -> Iterator[OfficeFactory]:
    """Build an Office on a database URL with a hand-moved clock and a recording publisher."""
    engines = []

    def build(database_url: str, at: datetime | None = None, timezone: str = "Asia/Makassar",
              **config: Any) -> tuple[Office, ManualClock, RecordingPublisher]:
        settings = load_settings(write_config(tmp_path, timezone=timezone, **config))
        engine = make_engine(database_url)
        engines.append(engine)
        create_schema(engine)
        clock = ManualClock(at or datetime(2026, 11, 23, 9, 0, tzinfo=ZoneInfo(timezone)))
        publisher = RecordingPublisher()
        office = Office(settings=settings, sessions=make_session_factory(engine),
                        publisher=publisher, now=clock)
        return office, clock, publisher

    yield build
    for engine in engines:
        engine.dispose()


@pytest.fixture
def office(make_office: OfficeFactory, sqlite_url: str) -> Office:
    return make_office(sqlite_url)[0]


@pytest.fixture
def start_server(tmp_path: Path) -> Iterator[Callable[..., LiveServer]]:
    """Start real run.py servers; every one is stopped at the end of the test."""
    servers: list[LiveServer] = []

    def start(database_url: str | None = None, async_mode: str = "threading",
              config_dir: Path | None = None, **config: Any) -> LiveServer:
        directory = config_dir or tmp_path
        config_path = directory / "config.toml"
        if not config_path.exists():
            write_config(directory, async_mode=async_mode, **config)
        url = database_url or f"sqlite:///{directory / 'antrean.sqlite3'}"
        server = LiveServer(config=config_path, database_url=url)
        servers.append(server)
        return server.start()

    yield start
    for server in servers:
        server.stop()


from tests.support.app import app_under_test, make_app  # noqa: E402,F401
from tests.support.browser import browser, page  # noqa: E402,F401  (fixtures for browser tests)
