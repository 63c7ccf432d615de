"""Today's booked arrivals for the staff (console and monitor): per service and session,
who is expected, who has checked in with which number, who did not come."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from antrean.core.booking import BookingStatus
from antrean.core.clock import format_long_date
from antrean.db import booking_queries
from antrean.usecases.booking.views import booking_view
from antrean.usecases.context import Office

SHOWN = ("code_label", "name", "status", "status_label", "ticket_number", "session_label")


def todays_arrivals(office: Office, service_codes: Sequence[str] | None = None) -> dict[str, Any]:
    """Cancelled bookings are left out: nobody is coming for them. A read: a missed window
    already reads "tidak datang" (booking_view with now). `service_codes`: the only services
    shown (None: every one)."""
    now = office.now()
    day = office.clock.local_day(now)
    with office.read_transaction() as session:
        rows = [booking_view(office, booking, now)
                for booking in booking_queries.bookings_of_day(session, day)
                if service_codes is None or booking.service_code in service_codes]
    groups: dict[tuple[str, str], dict[str, Any]] = {}
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
        group["people"].append({key: row[key] for key in SHOWN})
    return {"date": day.isoformat(), "date_label": format_long_date(day),
            "groups": list(groups.values()),
            "expected": sum(g["expected"] for g in groups.values()),
            "checked_in": sum(g["checked_in"] for g in groups.values())}
