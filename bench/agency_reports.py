"""A year of a busy office split between two agencies (an MPP), then timed reports by agency.

    python -m bench.agency_reports [--tickets 300000] [--only sqlite|postgres]

The same bulk-loaded year as bench/reports_year.py, with KTP and KK under one agency and AKTA
and PINDAH under another. After the roll-ups are built (run.py rollup), prints how long the
yearly report of the whole office, of one agency, and the agencies side by side take: an
agency adds up its services' roll-ups. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from antrean.config import load_settings
from antrean.db.engine import create_schema, make_engine, make_session_factory
from antrean.db.rollup_store import vacuum
from antrean.usecases.context import Office
from antrean.usecases.reports.agency_comparison import compare_agencies
from antrean.usecases.reports.reports import stats
from antrean.usecases.reports.rollups import refresh
from tests.support.databases import fresh_postgres_database
from tests.support.year_of_tickets import load, working_days, write_config

AGENCIES = """
[[agencies]]
code = "dukcapil"
name = "Disdukcapil"

[[agencies]]
code = "capil"
name = "Pencatatan Sipil"
"""
OWNER = {"KTP": "dukcapil", "KK": "dukcapil", "AKTA": "capil", "PINDAH": "capil"}


def write_mpp_config(directory: Path) -> Path:
    """The benchmark office, its services given to two agencies, each loket to one of them."""
    path = write_config(directory, async_mode="threading")
    text = path.read_text(encoding="utf-8")
    for code, agency in OWNER.items():
        text = text.replace(f'code = "{code}"\n', f'code = "{code}"\nagency = "{agency}"\n')
    everything = ", ".join(f'"{code}"' for code in OWNER)
    for number in range(1, 7):
        served = ', '.join(f'"{c}"' for c, a in OWNER.items()
                           if a == ("dukcapil" if number <= 3 else "capil"))
        counter = f'number = {number}\nname = "Loket {number}"\nservices = '
        text = text.replace(f"{counter}[{everything}]", f"{counter}[{served}]")
    path.write_text(text.replace("[server]", AGENCIES + "\n[server]"), encoding="utf-8")
    return path


def best_of(repeat: int, report: Callable[[], Any]) -> float:
    best = float("inf")
    for _ in range(repeat):
        began = time.perf_counter()
        report()
        best = min(best, time.perf_counter() - began)
    return best


def run(label: str, url: str, directory: Path, total: int) -> None:
    settings = load_settings(write_mpp_config(directory))
    engine = make_engine(url)
    create_schema(engine)
    office = Office(settings=settings, sessions=make_session_factory(engine))
    days = working_days(261)
    seconds = load(office, total, days)
    print(f"[{label}] loaded {total:,} tickets in {seconds:.1f} s", flush=True)
    began = time.perf_counter()
    refresh(office)
    vacuum(engine)
    print(f"[{label}] roll-ups built in {time.perf_counter() - began:.1f} s", flush=True)
    first, last = days[0], days[-1]
    timings = {
        "whole office": lambda: stats(office, first, last),
        "one agency (2 services)": lambda: stats(office, first, last, agency="dukcapil"),
        "one service": lambda: stats(office, first, last, "KTP"),
        "agencies side by side": lambda: compare_agencies(office, first, last),
    }
    for name, report in timings.items():
        print(f"[{label}] yearly {name:24}: best {best_of(5, report) * 1000:8.1f} ms",
              flush=True)
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
