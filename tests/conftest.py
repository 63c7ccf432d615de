"""Fixtures: a real office on a real database, and real servers on 127.0.0.1."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from antrean.config import load_settings
from antrean.db.engine import create_schema, make_engine, make_session_factory
from antrean.usecases.context import Office
from antrean.usecases.events import RecordingPublisher
from antrean.usecases.setup.start import make_live
from tests.support import databases
from tests.support.cheap_setup import (
    cheap_password_hashing,
    reuse_parsed_rules,
    reuse_url_builders,
)
from tests.support.clock import ManualClock
from tests.support.configs import write_config
from tests.support.databases import (
    fresh_postgres_database,
    start_from_migrated,
    wait_for_drops,
)
from tests.support.live_server import LiveServer

# In-process cost only (servers started by live tests keep theirs): see the module.
cheap_password_hashing()
reuse_url_builders()
reuse_parsed_rules()

# Markers follow from the fixtures a test uses, so `make check` can leave out whatever needs
# Chromium or a second process without anyone remembering to mark a new test. A module that
# builds LiveServer objects itself sets `pytestmark = pytest.mark.live`. "live" is any second
# process: run.py servers, and the programs a test runs (`node` for the pages' own JavaScript,
# `voice_tools` for espeak-ng and sox making clips); a test that runs one asks for its fixture
# (directly, through another fixture, or with pytest.mark.usefixtures).
MARKER_FIXTURES = {
    "browser": {"browser", "full_browser", "page"},
    "live": {"start_server", "start_shared_server", "node", "voice_tools"},
}


# In-process modules whose tests each take tens of seconds of CPU (schemathesis, hypothesis).
HEAVY_MODULES = {"test_openapi_fuzz.py", "test_form_fuzz.py", "test_report_rollups.py"}


def uses_postgres(item: pytest.Item) -> bool:
    """The postgres_url fixture, or a "postgres" parameter (the database_url fixture's, or a
    test's own backend parameter that asks for postgres_url with getfixturevalue)."""
    callspec = getattr(item, "callspec", None)
    values = callspec.params.values() if callspec is not None else ()
    return "postgres_url" in getattr(item, "fixturenames", ()) or any(
        isinstance(value, str) and value == "postgres" for value in values)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        used = set(getattr(item, "fixturenames", ()))
        for marker, fixtures in MARKER_FIXTURES.items():
            if used & fixtures:
                item.add_marker(marker)
        if uses_postgres(item):
            item.add_marker("postgres")
    # The long tests go first, so pytest-xdist hands the short ones out last (and idle workers
    # steal them: make test uses --dist worksteal) and no worker is left running a long test
    # alone at the end (the order within a module stays).
    items.sort(key=lambda item: 0 if item.path.name in HEAVY_MODULES
               or item.get_closest_marker("browser") or item.get_closest_marker("live") else 1)


def pytest_runtest_setup(item: pytest.Item) -> None:
    # A test that reaches PostgreSQL some other way fails until it is marked, so `make check`
    # (which leaves the PostgreSQL tests out) never depends on the server by accident.
    databases.postgres_allowed = item.get_closest_marker("postgres") is not None


def pytest_sessionfinish() -> None:
    wait_for_drops()


@pytest.fixture(scope="session")
def node() -> str:
    """The node program that runs the pages' JavaScript (tests.support.node.run_node)."""
    path = shutil.which("node")
    if path is None:
        pytest.fail("node is not installed (Debian package nodejs)")
    return path


@pytest.fixture(scope="session")
def voice_tools() -> None:
    """espeak-ng and sox, which display.voice_clips runs to make the clips."""
    missing = [tool for tool in ("espeak-ng", "sox") if shutil.which(tool) is None]
    if missing:
        pytest.fail(f"{', '.join(missing)} not installed (make system-deps)")


@pytest.fixture
def postgres_url() -> Iterator[str]:
    with fresh_postgres_database(drop_later=True) as url:
        yield url


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """Runs the test once on SQLite and once on the real PostgreSQL server."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'antrean.sqlite3'}"
    else:
        with fresh_postgres_database(drop_later=True) as url:
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
              live: bool = False, **config: Any) -> tuple[Office, ManualClock, RecordingPublisher]:
        """`live`: the set-up comes from the database (seeded from the file), as in the app."""
        settings = load_settings(write_config(tmp_path, timezone=timezone, **config))
        start_from_migrated(database_url)
        engine = make_engine(database_url)
        engines.append(engine)
        create_schema(engine)
        clock = ManualClock(at or datetime(2026, 11, 23, 9, 0, tzinfo=ZoneInfo(timezone)))
        publisher = RecordingPublisher()
        office = Office(settings=settings, sessions=make_session_factory(engine),
                        publisher=publisher, now=clock)
        if live:
            make_live(office)
        return office, clock, publisher

    yield build
    for engine in engines:
        engine.dispose()


@pytest.fixture
def office(make_office: OfficeFactory, sqlite_url: str) -> Office:
    return make_office(sqlite_url)[0]


ServerStarter = Callable[..., LiveServer]


@contextmanager
def _server_starter(directory: Path) -> Iterator[ServerStarter]:
    """`start(database_url=None, async_mode="threading", config_dir=None, forked=True,
    **config)` starts a real run.py server (config keywords: tests.support.configs.write_config),
    forked from a process that imported Antrean once unless `forked=False`
    (tests.support.server_fork); every server is stopped when the block ends."""
    servers: list[LiveServer] = []

    def start(database_url: str | None = None, async_mode: str = "threading",
              config_dir: Path | None = None, forked: bool = True,
              **config: Any) -> LiveServer:
        office_dir = config_dir or directory
        config_path = office_dir / "config.toml"
        if not config_path.exists():
            write_config(office_dir, async_mode=async_mode, **config)
        url = database_url or f"sqlite:///{office_dir / 'antrean.sqlite3'}"
        start_from_migrated(url)  # the server's start then finds its schema made
        server = LiveServer(config=config_path, database_url=url, forked=forked)
        servers.append(server)
        return server.start()

    try:
        yield start
    finally:
        for server in servers:
            server.stop()


@pytest.fixture
def start_server(tmp_path: Path) -> Iterator[ServerStarter]:
    """Start real run.py servers for this test alone."""
    with _server_starter(tmp_path) as start:
        yield start


@pytest.fixture(scope="module")
def start_shared_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerStarter]:
    """Start real run.py servers that the tests of one module share (stopped after the
    module): only for tests that cannot see each other's data. Under xdist each worker starts
    its own."""
    with _server_starter(tmp_path_factory.mktemp("shared-server")) as start:
        yield start


from tests.support.app import app_under_test, make_app  # noqa: E402,F401
from tests.support.browser import (  # noqa: E402,F401  (fixtures for browser tests)
    browser,
    full_browser,
    page,
    playwright,
)
