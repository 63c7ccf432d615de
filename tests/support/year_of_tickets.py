"""A busy office's history, bulk-loaded: tickets, their events and loket states for any number
of working days (a year: 300,000 tickets). The report benchmark and the report screens' browser
tests load the same data."""

from __future__ import annotations

import random
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import insert, text

from antrean.db.counter_log_models import CounterStateChange
from antrean.db.models import Ticket, TicketEvent, User
from antrean.usecases.context import Office

ZONE = "Asia/Makassar"
YEAR_START = date(2025, 1, 1)
SERVICES = [("KTP", "A", 30), ("KK", "B", 20), ("AKTA", "C", 45), ("PINDAH", "D", 30)]
COUNTERS = 6
PRIORITIES = ["lansia", "disabilitas", "ibu_hamil", "anak"]
CONFIG = """
[office]
name = "Disdukcapil Uji Beban"
timezone = "{zone}"

[server]
secret_key_file = "{directory}/secret_key"
async_mode = "{async_mode}"
{services}
{counters}
"""


def write_config(directory: Path, async_mode: str = "eventlet") -> Path:
    services = "".join(
        f'\n[[services]]\ncode = "{code}"\nname = "Layanan {code}"\nprefix = "{prefix}"\n'
        f"target_wait_minutes = {target}\n" for code, prefix, target in SERVICES)
    codes = ", ".join(f'"{code}"' for code, _, _ in SERVICES)
    counters = "".join(f'\n[[counters]]\nnumber = {n}\nname = "Loket {n}"\nservices = [{codes}]\n'
                       for n in range(1, COUNTERS + 1))
    path = directory / "config.toml"
    path.write_text(CONFIG.format(zone=ZONE, directory=directory, services=services,
                                  counters=counters, async_mode=async_mode), encoding="utf-8")
    return path


def working_days(count: int, start: date = YEAR_START) -> list[date]:
    days, day = [], start
    while len(days) < count:
        if day.weekday() < 5:
            days.append(day)
        day += timedelta(days=1)
    return days


def generate(total: int, days: list[date], seed: int = 7) -> Iterator[
        tuple[list[dict[str, Any]], list[dict[str, Any]]]]:
    """Tickets and events one office day at a time (a year: about 1,150 a working day)."""
    rng = random.Random(seed)
    zone = ZoneInfo(ZONE)
    per_day = total // len(days)
    ticket_id = event_id = 0
    for index, day in enumerate(days):
        count = per_day + (total - per_day * len(days) if index == len(days) - 1 else 0)
        opening = datetime(day.year, day.month, day.day, 7, 30, tzinfo=zone).astimezone(UTC)
        sequences = {code: 0 for code, _, _ in SERVICES}
        tickets, events = [], []
        for _ in range(count):
            ticket_id += 1
            code, prefix, _ = rng.choice(SERVICES)
            sequences[code] += 1
            issued = opening + timedelta(seconds=rng.randrange(0, 6 * 3600))
            priority = rng.choice(PRIORITIES) if rng.random() < 0.08 else None
            fate = rng.random()
            counter, user = rng.randint(1, COUNTERS), rng.randint(1, COUNTERS)
            ticket = {
                "id": ticket_id, "public_id": uuid.uuid4().hex[:16],
                "number": f"{prefix}-{sequences[code]:03d}", "origin_service_code": code,
                "service_code": code, "local_day": day, "sequence": sequences[code],
                "priority": priority, "priority_rank": 0 if priority else 1, "channel": "kiosk",
                "issued_at": issued, "first_called_at": None, "called_at": None,
                "started_at": None, "finished_at": None, "counter_number": None,
                "served_by": None,
            }
            plan = [("issue", issued, None, None, priority)]
            if fate < 0.05:
                ticket["status"] = "cancelled"
                plan.append(("cancel", issued + timedelta(minutes=rng.randint(5, 60)), None,
                             None, None))
            else:
                called = issued + timedelta(seconds=int(rng.expovariate(1 / 1500)))
                ticket.update(first_called_at=called, called_at=called, counter_number=counter,
                              served_by=user)
                plan.append(("call", called, counter, user, None))
                if fate < 0.25:
                    ticket["status"] = "no_show"
                    plan.append(("no_show", called + timedelta(minutes=3), counter, user, None))
                else:
                    started = called + timedelta(seconds=rng.randint(20, 120))
                    finished = started + timedelta(seconds=rng.randint(180, 900))
                    ticket.update(status="done", started_at=started, finished_at=finished)
                    plan += [("start", started, counter, user, None),
                             ("finish", finished, counter, user, None)]
            tickets.append(ticket)
            for name, at, where, who, detail in plan:
                event_id += 1
                events.append({"id": event_id, "ticket_id": ticket_id, "event": name, "at": at,
                               "local_day": day, "service_code": code, "counter_number": where,
                               "user_id": who, "detail": detail})
        yield tickets, events


def counter_changes(zone: ZoneInfo, days: list[date]) -> list[dict[str, Any]]:
    rows = []
    for day in days:
        for counter in range(1, COUNTERS + 1):
            for hour, state in ((7, "open"), (12, "break"), (13, "open"), (16, "closed")):
                at = datetime(day.year, day.month, day.day, hour, 30, tzinfo=zone)
                rows.append({"counter_number": counter, "state": state,
                             "at": at.astimezone(UTC), "user_id": counter})
    return rows


def load(office: Office, total: int, days: list[date]) -> float:
    began = time.perf_counter()
    with office.transaction() as session:
        session.execute(insert(User), [
            {"id": n, "username": f"petugas{n}", "display_name": f"Petugas {n}",
             "password_hash": "-", "role": "petugas", "active": True,
             "created_at": datetime.now(UTC)} for n in range(1, COUNTERS + 1)])
    batch_t: list[dict[str, Any]] = []
    batch_e: list[dict[str, Any]] = []
    for tickets, events in generate(total, days):
        batch_t += tickets
        batch_e += events
        if len(batch_t) >= 20_000:
            _flush(office, batch_t, batch_e)
            batch_t, batch_e = [], []
    _flush(office, batch_t, batch_e)
    with office.transaction() as session:
        session.execute(insert(CounterStateChange), counter_changes(ZoneInfo(ZONE), days))
    with office.sessions() as session:
        session.execute(text("ANALYZE"))
        session.commit()
    return time.perf_counter() - began


def _flush(office: Office, tickets: list[dict[str, Any]], events: list[dict[str, Any]]) -> None:
    if not tickets:
        return
    with office.transaction() as session:
        if session.get_bind().dialect.name == "postgresql":
            _copy(session, "tickets", tickets)
            _copy(session, "ticket_events", events)
        else:
            session.execute(insert(Ticket), tickets)
            session.execute(insert(TicketEvent), events)


def _copy(session: Any, table: str, rows: list[dict[str, Any]]) -> None:
    """PostgreSQL's COPY: the fast bulk path (psycopg 3)."""
    columns = list(rows[0])
    cursor = session.connection().connection.dbapi_connection.cursor()
    with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row([row[c] for c in columns])
