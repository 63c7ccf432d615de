"""The example Mal Pelayanan Publik (examples/mpp.toml, twelve agencies) as a test office.

The copy is the example itself, with two changes a test needs: no issuing hours (a test runs
at any hour of any day) and a [server] table for the test process (threading, no limits)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from antrean.config import load_settings
from antrean.db.engine import create_schema, make_engine, make_session_factory
from antrean.usecases.context import Office
from antrean.usecases.events import RecordingPublisher
from antrean.usecases.setup.start import make_live
from tests.support.app import AppFactory, AppUnderTest
from tests.support.clock import ManualClock

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "mpp.toml"

SERVER = """
[server]
async_mode = "threading"
secret_key_file = "{secret_key_file}"
message_queue = "{message_queue}"
message_queue_channel = "{channel}"
ticket_rate_limit_per_minute = 10000
failed_logins_per_minute = 10000
"""


def write_mpp_config(directory: Path, message_queue: str = "", channel: str = "antrean") -> Path:
    lines = EXAMPLE.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = "".join(line for line in lines if not line.startswith("issuing_hours"))
    path = directory / "config.toml"
    path.write_text(kept + SERVER.format(secret_key_file=directory / "secret_key",
                                         message_queue=message_queue, channel=channel),
                    encoding="utf-8")
    return path


@pytest.fixture
def mpp_office(tmp_path: Path, postgres_url: str) -> Iterator[Office]:
    """The example MPP as a live office on PostgreSQL (its set-up tables), Monday 09.00."""
    settings = load_settings(write_mpp_config(tmp_path))
    engine = make_engine(postgres_url)
    create_schema(engine)
    office = Office(settings=settings, sessions=make_session_factory(engine),
                    publisher=RecordingPublisher(),
                    now=ManualClock(datetime(2026, 11, 23, 9, 0, tzinfo=ZoneInfo("Asia/Makassar"))))
    make_live(office)
    yield office
    engine.dispose()


@pytest.fixture
def mpp_app(make_app: AppFactory, tmp_path: Path) -> AppUnderTest:
    """The example MPP in-process on SQLite (Flask and Socket.IO test clients)."""
    directory = tmp_path / "mpp"
    directory.mkdir()
    write_mpp_config(directory)
    return make_app(config_dir=directory)
