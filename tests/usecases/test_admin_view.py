"""The admin's view of services: hours in words and today's figures per service."""

from __future__ import annotations

from datetime import time

from antrean.core.hours import IssuingHours, TimeRange
from antrean.usecases.queue import calling, serving
from antrean.usecases.queue.issuing import issue_ticket
from antrean.usecases.screens.admin_view import Totals, hours_label, office_overview
from tests.conftest import OfficeFactory

MORNING = TimeRange(time(8), time(14))
FRIDAY = TimeRange(time(8), time(11))


def test_hours_are_written_as_runs_of_days() -> None:
    week = IssuingHours((MORNING, MORNING, MORNING, MORNING, FRIDAY, None, None))
    assert hours_label(week) == ["Senin-Kamis 08.00-14.00", "Jumat 08.00-11.00",
                                 "Sabtu-Minggu tutup"]
    assert hours_label(IssuingHours((MORNING,) * 7)) == ["Setiap hari 08.00-14.00"]
    assert hours_label(IssuingHours.always()) == ["Sepanjang hari"]


def test_the_overview_counts_issued_waiting_and_served_per_service(
        make_office: OfficeFactory, database_url: str) -> None:
    office, _, _ = make_office(database_url)
    done = issue_ticket(office, "KTP")
    issue_ticket(office, "KTP")
    issue_ticket(office, "KK")
    calling.call_next(office, 1, None)
    serving.finish(office, done["id"], None)
    overview = office_overview(office)
    ktp = next(row for row in overview.services if row.code == "KTP")
    assert (ktp.issued_today, ktp.waiting, ktp.served_today) == (2, 1, 1)
    assert overview.totals == Totals(issued_today=3, waiting=2, served_today=1)
    assert [c.service_names for c in overview.counters][0] == ["KTP-el", "Kartu Keluarga"]
