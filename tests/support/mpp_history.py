"""A Mal Pelayanan Publik for tests: three agencies (instansi) with their own services and
gerai, written as a real config.toml, and random days of it played through the use cases."""

from __future__ import annotations

import random
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any, Protocol
from zoneinfo import ZoneInfo

import pytest

from antrean.config import load_settings
from antrean.core.ikm import ELEMENT_CODES
from antrean.core.respondent import Respondent
from antrean.db.engine import create_schema, make_engine, make_session_factory
from antrean.usecases.access.accounts import create_user
from antrean.usecases.context import Office
from antrean.usecases.feedback.survey import submit_survey
from antrean.usecases.queue import calling, serving
from antrean.usecases.queue.counter_holding import release_counter
from antrean.usecases.queue.issuing import issue_ticket
from tests.support.clock import ManualClock
from tests.support.configs import write_config
from tests.support.random_history import RandomHistory

MPP_TABLES = """
[[agencies]]
code = "dukcapil"
name = "Dinas Kependudukan dan Pencatatan Sipil"
short_name = "Disdukcapil"

[[agencies]]
code = "samsat"
name = "Samsat Martapura"
short_name = "Samsat"

[[agencies]]
code = "bpjs"
name = "BPJS Kesehatan"
short_name = "BPJS"

[[services]]
code = "KTP"
name = "KTP-el"
prefix = "A"
agency = "dukcapil"
target_wait_minutes = 30

[[services]]
code = "KK"
name = "Kartu Keluarga"
prefix = "B"
agency = "dukcapil"
target_wait_minutes = 20

[[services]]
code = "PKB"
name = "Pajak Kendaraan"
prefix = "S"
agency = "samsat"
target_wait_minutes = 15

[[services]]
code = "JKN"
name = "Kepesertaan JKN"
prefix = "J"
agency = "bpjs"

[[counters]]
number = 1
name = "Gerai Dukcapil 1"
services = ["KTP", "KK"]

[[counters]]
number = 2
name = "Gerai Dukcapil 2"
services = ["KK"]

[[counters]]
number = 3
name = "Gerai Samsat"
services = ["PKB"]

[[counters]]
number = 4
name = "Gerai BPJS"
services = ["JKN"]
"""
SERVICES = ("KTP", "KK", "PKB", "JKN")
COUNTERS = (1, 2, 3, 4)
AGENCIES = ("dukcapil", "samsat", "bpjs")


def write_mpp_config(directory: Path, timezone: str = "Asia/Makassar") -> Path:
    """The test office's [office] and [server], with the MPP's agencies, services, gerai."""
    path = write_config(directory, timezone=timezone)
    head = path.read_text(encoding="utf-8").split("[[services]]")[0]
    path.write_text(head.replace('name = "Kecamatan Uji Coba"', 'name = "MPP Kabupaten Uji"')
                    + MPP_TABLES, encoding="utf-8")
    return path


class MppFactory(Protocol):
    def __call__(self, database_url: str, timezone: str = ...) -> tuple[Office, ManualClock]: ...


@pytest.fixture
def make_mpp_office(tmp_path: Path) -> Iterator[MppFactory]:
    """An MPP office on a database URL, with a hand-moved clock."""
    engines: list[Any] = []

    def build(database_url: str, timezone: str = "Asia/Makassar") -> tuple[Office, ManualClock]:
        settings = load_settings(write_mpp_config(tmp_path, timezone))
        engine = make_engine(database_url)
        engines.append(engine)
        create_schema(engine)
        clock = ManualClock(datetime(2026, 11, 23, 9, 0, tzinfo=ZoneInfo(timezone)))
        return Office(settings=settings, sessions=make_session_factory(engine), now=clock), clock

    yield build
    for engine in engines:
        engine.dispose()


def mpp_history(office: Office, clock: ManualClock, seed: int, days: Iterable[date],
                tickets_per_day: int = 12) -> RandomHistory:
    """Random days over the MPP's services and gerai; a transfer may cross agencies."""
    history = RandomHistory(office, clock, random.Random(seed), services=SERVICES,
                            counters=COUNTERS)
    history.petugas = [create_user(office, name, "rahasia123", "petugas", name.title()).user_id
                       for name in ("siti", "budi", "wayan", "made")]
    for day in days:
        history.play_day(day, tickets_per_day)
    return history


# The gerai where each agency's survey tickets are served, and the service served there.
SURVEY_DESK = {"dukcapil": (2, "KK"), "samsat": (3, "PKB"), "bpjs": (4, "JKN")}


def answer_survey(office: Office, agency: str, value: int) -> None:
    """A ticket of the agency is served now and its holder answers every element `value`."""
    counter, service = SURVEY_DESK[agency]
    release_counter(office, counter, None)  # whoever held the gerai went home
    issue_ticket(office, service)
    called = calling.call_next(office, counter, None)
    assert called is not None
    serving.start(office, called["id"], None)
    serving.finish(office, called["id"], None)
    person = Respondent(sex="P", age=34, education="sma", occupation="wirausaha")
    submit_survey(office, called["id"], {code: value for code in ELEMENT_CODES}, person, "link")
