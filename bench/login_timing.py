"""How long a refused sign-in takes: a wrong password of a real user, an unknown username and
a deactivated user. The three should be within noise of each other (issue 11, defect 10).

    python -m bench.login_timing [--tries 30] [--database URL]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from antrean.config import load_settings
from antrean.core.errors import DomainError
from antrean.db.engine import create_schema, make_engine, make_session_factory
from antrean.usecases.access.accounts import authenticate, create_user, deactivate_user
from antrean.usecases.context import Office

REPO_ROOT = Path(__file__).resolve().parents[1]


def refusal_ms(office: Office, username: str, tries: int) -> list[float]:
    times = []
    for _ in range(tries):
        started = time.perf_counter()
        try:
            authenticate(office, username, "bukan-kata-sandinya")
        except DomainError:
            pass
        times.append((time.perf_counter() - started) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tries", type=int, default=30)
    parser.add_argument("--database", default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        url = args.database or f"sqlite:///{Path(scratch) / 'bench.sqlite3'}"
        engine = make_engine(url)
        create_schema(engine)
        office = Office(settings=load_settings(REPO_ROOT / "config.toml"),
                        sessions=make_session_factory(engine))
        admin = create_user(office, "kepala", "rahasia-123", "admin")
        create_user(office, "siti", "rahasia-123", "petugas")
        gone = create_user(office, "bekas", "rahasia-123", "petugas")
        deactivate_user(office, gone.user_id, admin.user_id)
        refusal_ms(office, "tidak-ada", 1)  # the dummy hash is made on first use
        for label, username in (("wrong password", "siti"), ("unknown user", "tidak-ada"),
                                ("deactivated user", "bekas")):
            times = refusal_ms(office, username, args.tries)
            print(f"{label:17s} median {statistics.median(times):6.1f} ms, "
                  f"min {min(times):6.1f} ms, max {max(times):6.1f} ms ({args.tries} tries)")
        engine.dispose()


if __name__ == "__main__":
    main()
