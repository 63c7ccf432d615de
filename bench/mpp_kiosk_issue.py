"""What a Mal Pelayanan Publik's kiosk costs when it issues: the example MPP (twelve agencies)
on SQLite and PostgreSQL, a ticket issued as an unbound kiosk, as a kiosk bound to two
agencies (one more read of its device in the issuing transaction), and the kiosk page's menu.

    python -m bench.mpp_kiosk_issue [--tickets 300] [--only sqlite|postgres]

Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from antrean.config import load_settings
from antrean.db.engine import create_schema, make_engine, make_session_factory
from antrean.usecases.access.devices import create_device
from antrean.usecases.access.kiosk_agencies import kiosk_shows
from antrean.usecases.context import Office
from antrean.usecases.queue.issuing import issue_ticket
from antrean.usecases.screens.kiosk_menu import kiosk_menu
from antrean.usecases.setup.start import make_live
from bench.kiosk_issue import figures, timed
from tests.support.databases import fresh_postgres_database
from tests.support.mpp import write_mpp_config


@contextmanager
def mpp_on(url: str, directory: Path) -> Iterator[Office]:
    engine = make_engine(url)
    create_schema(engine)
    office = Office(settings=load_settings(write_mpp_config(directory)),
                    sessions=make_session_factory(engine))
    make_live(office)
    try:
        yield office
    finally:
        engine.dispose()


def bench_database(name: str, url: str, directory: Path, tickets: int) -> None:
    print(f"{name}:")
    with mpp_on(url, directory) as office:
        free, _ = create_device(office, "Kios Lobi", "kiosk")
        bound, _ = create_device(office, "Kios Samsat", "kiosk", agencies=["samsat", "bpjs_kes"])
        figures("issue, no kiosk device", timed(lambda: issue_ticket(office, "KK"), tickets))
        figures("issue, kiosk for every agency",
                timed(lambda: issue_ticket(office, "AKTA", kiosk_device=free["id"]), tickets))
        figures("issue, kiosk bound to two agencies",
                timed(lambda: issue_ticket(office, "PKB", kiosk_device=bound["id"]), tickets))
        figures("kiosk page menu (12 agencies, 25 services)",
                timed(lambda: kiosk_menu(office, kiosk_shows(office, bound["id"])), tickets // 3))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tickets", type=int, default=300)
    parser.add_argument("--only", choices=("sqlite", "postgres"))
    options = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        directory = Path(folder)
        if options.only != "postgres":
            bench_database("SQLite", f"sqlite:///{directory / 'mpp.sqlite3'}", directory,
                           options.tickets)
        if options.only != "sqlite":
            with fresh_postgres_database() as url:
                bench_database("PostgreSQL", url, directory, options.tickets)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
