"""What a start costs on a database that is already there: a restart of the server, and the
first request to each office of a deployment (each opens its app on its own schema or file).

    python -m bench.app_start [--starts 20] [--only sqlite|postgres]

Per database (a fresh SQLite file, a fresh PostgreSQL database), after one first start:
- bringing the schema up to the models (create_schema) with the stamp of this version in the
  database (antrean.db.schema_stamp), and with the stamp deleted before each start: the full
  read of every table's columns and indexes that every start made before the stamp;
- the whole app (create_app) the same two ways.
Wall time and this process's CPU per start (time.process_time: the work is in-process). Prints
figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine, text

from antrean.config import load_settings
from antrean.db.engine import create_schema, make_engine
from antrean.web.app import create_app
from antrean.web.office import EXTENSION_KEY
from antrean.web.socket_access import connection_watch
from tests.support.configs import write_config
from tests.support.databases import fresh_postgres_database, wait_for_drops


def forget_stamp(engine: Engine) -> None:
    with engine.begin() as connection:
        connection.execute(text("DELETE FROM schema_stamp"))


def measured(label: str, starts: int, start: Callable[[], None],
             before_each: Callable[[], None] = lambda: None) -> None:
    walls, cpus = [], []
    for _ in range(starts):
        before_each()
        wall, cpu = time.perf_counter(), time.process_time()
        start()
        cpus.append(time.process_time() - cpu)
        walls.append(time.perf_counter() - wall)
    print(f"  {label:<44} wall median {statistics.median(walls) * 1000:7.1f} ms   "
          f"CPU median {statistics.median(cpus) * 1000:7.1f} ms   "
          f"max wall {max(walls) * 1000:7.1f} ms")


def bench(database: str, url: str, directory: Path, starts: int) -> None:
    print(f"{database}:")
    settings = load_settings(write_config(directory))
    engine = make_engine(url)

    def start_app() -> None:
        app = create_app(settings, url)
        connection_watch(app).stop()
        app.extensions[EXTENSION_KEY].sessions.kw["bind"].dispose()

    try:
        start_app()  # the first start: migrates and seeds
        measured("create_schema, stamped", starts, lambda: create_schema(engine))
        measured("create_schema, stamp deleted (full check)", starts,
                 lambda: create_schema(engine), lambda: forget_stamp(engine))
        measured("create_app, stamped", starts, start_app)
        measured("create_app, stamp deleted (full check)", starts, start_app,
                 lambda: forget_stamp(engine))
    finally:
        engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--starts", type=int, default=20)
    parser.add_argument("--only", choices=["sqlite", "postgres"])
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        if options.only != "postgres":
            directory = Path(scratch, "sqlite")
            directory.mkdir()
            bench("SQLite", f"sqlite:///{directory / 'antrean.sqlite3'}", directory,
                  options.starts)
        if options.only != "sqlite":
            directory = Path(scratch, "postgres")
            directory.mkdir()
            with fresh_postgres_database() as url:
                bench("PostgreSQL", url, directory, options.starts)
    wait_for_drops()


if __name__ == "__main__":
    main()
