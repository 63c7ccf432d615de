"""Today's booked arrivals for the staff (console and monitor): per service and session,
who is expected, who has checked in with which number, who did not come."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypedDict

from antrean.core.booking import BookingStatus
from antrean.core.clock import format_long_date
from antrean.db import booking_queries
from antrean.usecases.booking.views import booking_view
from antrean.usecases.context import Office


class ArrivingPerson(TypedDict):
    code_label: str
    name: str
    status: str
    status_label: str
    ticket_number: str | None
    session_label: str


class ArrivalGroup(TypedDict):
    """One service's session: who is expected, who checked in, who did not come."""

    service: str
    service_name: str
    session_label: str
    expected: int
    checked_in: int
    no_show: int
    people: list[ArrivingPerson]


class Arrivals(TypedDict):
    date: str
    date_label: str
    groups: list[ArrivalGroup]
    expected: int
    checked_in: int


def todays_arrivals(office: Office, service_codes: Sequence[str] | None = None) -> Arrivals:
    """Cancelled bookings are left out: nobody is coming for them. A read: a missed window
    already reads "tidak datang" (booking_view with now). `service_codes`: the only services
    shown (None: every one)."""
    now = office.now()
    day = office.clock.local_day(now)
    with office.read_transaction() as session:
        rows = [booking_view(office, booking, now)
                for booking in booking_queries.bookings_of_day(session, day)
                if service_codes is None or booking.service_code in service_codes]
    groups: dict[tuple[str, str], ArrivalGroup] = {}
    for row in rows:
        if row["status"] == BookingStatus.CANCELLED.value:
            continue
        group = groups.setdefault((row["service"], row["session"]), {
            "service": row["service"], "service_name": row["service_name"],
            "session_label": row["session_label"], "expected": 0, "checked_in": 0,
            "no_show": 0, "people": []})
        group["expected"] += 1
        group["checked_in"] += row["status"] == BookingStatus.CHECKED_IN.value
        group["no_show"] += row["status"] == BookingStatus.NO_SHOW.value
        group["people"].append({
            "code_label": row["code_label"], "name": row["name"], "status": row["status"],
            "status_label": row["status_label"], "ticket_number": row["ticket_number"],
            "session_label": row["session_label"]})
    return {"date": day.isoformat(), "date_label": format_long_date(day),
            "groups": list(groups.values()),
            "expected": sum(g["expected"] for g in groups.values()),
            "checked_in": sum(g["checked_in"] for g in groups.values())}
