"""How long the IKM report and its XLSX take over a year of answers.

    python -m bench.ikm_report [--responses 20000] [--database URL]

Seeds finished tickets and survey answers straight into a scratch database (SQLite by
default), then times the report use case and the workbook, and prints the figures.
"""

from __future__ import annotations

import argparse
import io
import random
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from antrean.config import load_settings
from antrean.core.ikm import ELEMENT_CODES
from antrean.db.engine import create_schema, make_engine, make_session_factory
from antrean.db.models import Ticket
from antrean.db.survey_models import SurveyAnswer, SurveyResponse
from antrean.usecases.context import Office
from antrean.usecases.reports.ikm_report import ikm_report
from antrean.web.ikm_workbook import ikm_workbook

REPO_ROOT = Path(__file__).resolve().parents[1]


def seed(office: Office, count: int, first: date) -> None:
    services = [s for s in office.settings.services]
    rng = random.Random(17)
    with office.transaction() as session:
        for i in range(count):
            day = first + timedelta(days=i % 365)
            service = services[i % len(services)]
            at = datetime(day.year, day.month, day.day, 2, 0, tzinfo=UTC)
            ticket = Ticket(public_id=f"b{i}", number=f"{service.prefix}-{i % 999 + 1:03d}",
                            origin_service_code=service.code, service_code=service.code,
                            local_day=day, sequence=i // len(services) + 1, priority=None,
                            priority_rank=1, status="done", channel="kiosk", issued_at=at,
                            finished_at=at, counter_number=1)
            session.add(ticket)
            session.flush()
            response = SurveyResponse(
                ticket_id=ticket.id, service_code=service.code, counter_number=1, local_day=day,
                submitted_at=at, channel="link", sex=rng.choice("LP"), age=rng.randint(17, 80),
                education=rng.choice(["sd", "smp", "sma", "diploma", "s1", "s2"]),
                occupation=rng.choice(["pns", "swasta", "wirausaha", "pelajar", "lainnya"]),
                suggestion="Pelayanan cepat" if i % 50 == 0 else None)
            session.add(response)
            session.flush()
            session.add_all(SurveyAnswer(response_id=response.id, element=code,
                                         value=rng.choices((1, 2, 3, 4), (1, 3, 10, 6))[0])
                            for code in ELEMENT_CODES)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--responses", type=int, default=20_000)
    parser.add_argument("--database", default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        url = args.database or f"sqlite:///{Path(scratch) / 'bench.sqlite3'}"
        engine = make_engine(url)
        create_schema(engine)
        office = Office(settings=load_settings(REPO_ROOT / "config.toml"),
                        sessions=make_session_factory(engine))
        first = date(2026, 1, 1)
        started = time.perf_counter()
        seed(office, args.responses, first)
        print(f"seeded {args.responses} responses in {time.perf_counter() - started:.1f} s")
        for label, service in (("all services", None), ("one service", "KTP")):
            started = time.perf_counter()
            report = ikm_report(office, first, first + timedelta(days=364), service)
            took = time.perf_counter() - started
            print(f"IKM report, a year, {label}: {took * 1000:.0f} ms "
                  f"({report['responses']} responses, IKM {report['ikm_label']})")
        started = time.perf_counter()
        buffer = io.BytesIO()
        ikm_workbook(report, office.settings.office.name).save(buffer)
        print(f"XLSX: {(time.perf_counter() - started) * 1000:.0f} ms, "
              f"{len(buffer.getvalue()) / 1024:.0f} KiB")
        engine.dispose()


if __name__ == "__main__":
    main()
