"""The rush when a day opens: the last places go to exactly as many people as there are
places, on SQLite and on the real PostgreSQL server."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import date

from sqlalchemy import func, select

from antrean.core.errors import DomainError
from antrean.db.booking_models import Booking
from tests.conftest import OfficeFactory
from tests.support.booking import book, desk_for, phone_number

RUSH = """
sessions = [{ time = "08:00-10:00", capacity = 30 }, { time = "10:00-12:00", capacity = 30 }]
online_quota = 30
"""
PEOPLE = 50


def test_fifty_bookings_for_the_last_ten_places_give_exactly_ten(
        make_office: OfficeFactory, database_url: str) -> None:
    office, _, _ = make_office(database_url, extra_service=RUSH)
    desk = desk_for(office)
    day = date(2026, 11, 24)
    for n in range(20):
        book(desk, day, "08:00", phone_number(n))
    start = threading.Barrier(PEOPLE)

    def attempt(n: int) -> str:
        start.wait()
        try:
            return book(desk, day, ("08:00", "10:00")[n % 2], phone_number(100 + n))["code"]
        except DomainError as error:
            return error.code

    with ThreadPoolExecutor(PEOPLE) as pool:
        outcomes = list(pool.map(attempt, range(PEOPLE)))
    made = [o for o in outcomes if len(o) == 8]
    assert len(made) == 10, outcomes
    assert sorted(set(outcomes) - set(made)) == ["quota_full"]
    with office.transaction() as session:
        assert session.scalar(select(func.count()).select_from(Booking)) == 30
