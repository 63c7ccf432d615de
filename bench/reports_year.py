"""A year of a busy office (300,000 tickets and their events), then timed reports.

    python -m bench.reports_year [--tickets 300000] [--only sqlite|postgres]

Loads the data with bulk inserts into a fresh SQLite file and a fresh PostgreSQL database
(ANTREAN_TEST_POSTGRES_URL, default postgresql+psycopg://postgres@127.0.0.1:5432/test), then
prints how long reports take: the first yearly report (nothing rolled up yet: it reads the
event log and stores the roll-ups), then daily, monthly and yearly reports from roll-ups, and
the same with one day changed since its roll-up (that day is read from the log again).
Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import func, select, update

from antrean.config import load_settings
from antrean.db.engine import create_schema, make_engine, make_session_factory
from antrean.db.models import TicketEvent
from antrean.db.rollup_store import vacuum
from antrean.usecases.context import Office
from antrean.usecases.reports.reports import stats
from antrean.usecases.reports.rollups import refresh
from tests.support.databases import fresh_postgres_database
from tests.support.year_of_tickets import ZONE, load, working_days, write_config


def timed(office: Office, first: date, last: date, repeat: int = 3,
          before: Callable[[], None] | None = None) -> tuple[float, int]:
    best = float("inf")
    issued = 0
    for _ in range(repeat):
        if before is not None:
            before()
        began = time.perf_counter()
        report = stats(office, first, last)
        best = min(best, time.perf_counter() - began)
        issued = report["overall"]["issued"]
    return best, issued


def touch(office: Office, day: date) -> Callable[[], None]:
    """A correction of one event of `day`: the day's roll-up is out of date."""
    def change() -> None:
        with office.transaction() as session:
            session.execute(update(TicketEvent).where(
                TicketEvent.id == select(func.min(TicketEvent.id))
                .where(TicketEvent.local_day == day).scalar_subquery()
            ).values(detail=TicketEvent.detail))
    return change


def run(label: str, url: str, directory: Path, total: int) -> None:
    settings = load_settings(write_config(directory))
    engine = make_engine(url)
    create_schema(engine)
    office = Office(settings=settings, sessions=make_session_factory(engine))
    days = working_days(261)
    seconds = load(office, total, days)
    print(f"[{label}] loaded {total:,} tickets with their events in {seconds:.1f} s", flush=True)
    cold, issued = timed(office, days[0], days[-1], repeat=1)
    print(f"[{label}] first yearly report, nothing rolled up: {issued:,} tickets in "
          f"{cold:.1f} s (read from the event log; the roll-ups stored)", flush=True)
    began = time.perf_counter()
    refresh(office)
    vacuum(engine)
    print(f"[{label}] run.py rollup afterwards (nothing left; VACUUM on PostgreSQL): "
          f"{time.perf_counter() - began:.1f} s", flush=True)
    middle = days[130]
    periods = {
        "daily": (middle, middle),
        "monthly": (middle.replace(day=1), (middle.replace(day=28) + timedelta(days=4))
                    .replace(day=1) - timedelta(days=1)),
        "yearly": (days[0], days[-1]),
    }
    for name, (first, last) in periods.items():
        best, issued = timed(office, first, last, repeat=5)
        print(f"[{label}] {name:8} report {first}..{last}: {issued:>7,} tickets, "
              f"best {best * 1000:8.1f} ms", flush=True)
    for name, (first, last) in periods.items():
        best, issued = timed(office, first, last, repeat=3, before=touch(office, middle))
        print(f"[{label}] {name:8} report, {middle} changed since its roll-up (read from the "
              f"log, stored again): best {best * 1000:8.1f} ms", flush=True)
    # As on 31 December, with the office at work: today is always read from the log.
    today = days[-1]
    office.now = lambda: datetime(today.year, today.month, today.day, 12,
                                  tzinfo=ZoneInfo(ZONE)).astimezone(UTC)
    best, issued = timed(office, days[0], today, repeat=5, before=touch(office, today))
    print(f"[{label}] yearly   report up to today ({today}, read from the log): "
          f"best {best * 1000:8.1f} ms", flush=True)
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tickets", type=int, default=300_000)
    parser.add_argument("--only", choices=["sqlite", "postgres"])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        directory = Path(folder)
        if args.only in (None, "sqlite"):
            run("sqlite", f"sqlite:///{directory / 'bench.sqlite3'}", directory, args.tickets)
        if args.only in (None, "postgres"):
            with fresh_postgres_database() as url:
                run("postgresql", url, directory, args.tickets)


if __name__ == "__main__":
    main()
