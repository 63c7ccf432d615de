"""A known day of an office, played through the real use cases at fixed local times.

Day D (2026-11-23, office-local) and the night after midnight; docs in
tests/usecases/test_reports.py spell out every figure this history gives.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from antrean.core.ticket import Priority
from antrean.usecases.access.accounts import create_user
from antrean.usecases.context import Office
from antrean.usecases.queue import calling, counters, serving
from antrean.usecases.queue.issuing import issue_ticket
from tests.support.clock import ManualClock

DAY = date(2026, 11, 23)
NEXT_DAY = DAY + timedelta(days=1)


@dataclass
class History:
    siti: int
    budi: int
    tickets: dict[str, str]  # label -> public id


def play_history(office: Office, clock: ManualClock) -> History:
    zone = ZoneInfo(office.settings.office.timezone)

    def at(hour: int, minute: int, day: date = DAY) -> None:
        clock.set(datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone))

    siti = create_user(office, "siti", "rahasia123", "petugas", "Siti").user_id
    budi = create_user(office, "budi", "rahasia123", "petugas", "Budi").user_id
    t: dict[str, str] = {}
    at(7, 50)
    t["t1"] = issue_ticket(office, "KTP")["id"]
    at(7, 55)
    t["t2"] = issue_ticket(office, "KK")["id"]
    at(8, 0)
    t["t3"] = issue_ticket(office, "KTP", Priority.LANSIA)["id"]
    assert _called(office, 1, siti) == t["t3"]  # priority first; waited 0 s
    at(8, 2)
    serving.start(office, t["t3"], siti)
    at(8, 10)
    assert _called(office, 2, budi) == t["t1"]  # waited 20 min
    at(8, 15)
    serving.finish(office, t["t3"], siti)  # served 13 min
    at(8, 20)
    serving.no_show(office, t["t1"], budi)
    assert _called(office, 1, siti) == t["t2"]  # KK waited 25 min: over its 20
    at(8, 45)
    assert calling.call_next(office, 1, siti) is None  # closes t2: served 25 min
    at(9, 0)
    t["t4"] = issue_ticket(office, "AKTA")["id"]
    counters.set_counter_state(office, 1, "closed", siti)
    at(9, 1)
    serving.cancel(office, t["t4"], None)
    at(12, 0)
    counters.set_counter_state(office, 2, "closed", budi)
    at(23, 40)
    t["t5"] = issue_ticket(office, "KTP")["id"]
    at(23, 50)
    assert _called(office, 2, budi) == t["t5"]  # waited 10 min
    at(23, 52)
    serving.start(office, t["t5"], budi)
    at(0, 5, NEXT_DAY)
    t["t6"] = issue_ticket(office, "KTP")["id"]  # the next day's A-001
    at(0, 10, NEXT_DAY)
    serving.finish(office, t["t5"], budi)  # served 18 min across midnight
    at(0, 12, NEXT_DAY)
    counters.set_counter_state(office, 2, "closed", budi)
    at(0, 20, NEXT_DAY)
    assert _called(office, 2, budi) == t["t6"]  # waited 15 min
    at(0, 25, NEXT_DAY)
    serving.transfer(office, t["t6"], "AKTA", budi)
    at(0, 30, NEXT_DAY)
    assert _called(office, 3, siti) == t["t6"]
    at(0, 40, NEXT_DAY)
    serving.finish(office, t["t6"], siti)  # served 10 min at loket 3
    at(0, 50, NEXT_DAY)
    counters.set_counter_state(office, 2, "closed", budi)
    at(1, 0, NEXT_DAY)
    counters.set_counter_state(office, 3, "closed", siti)
    at(12, 0, NEXT_DAY)
    return History(siti=siti, budi=budi, tickets=t)


def _called(office: Office, counter: int, user: int) -> str:
    view = calling.call_next(office, counter, user)
    assert view is not None
    return str(view["id"])
