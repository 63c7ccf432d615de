"""Online booking in tests: a service that takes bookings, a desk, and a ready booking form."""

from __future__ import annotations

from datetime import date
from typing import Any

from antrean.usecases.booking.desk import BookingDesk
from antrean.usecases.booking.making import BookingForm, make_booking
from antrean.usecases.context import Office

# Added to the AKTA service of tests.support.configs: three sessions, an online quota below
# their total capacity, and a window of an hour before to a quarter after each start.
AKTA_BOOKING = """
sessions = ["08:00-10:00", "10:00-12:00", "13:00-15:00"]
session_capacity = 5
online_quota = 12
booking_days_ahead = 7
release_minutes = 30
checkin_opens_minutes = 60
checkin_closes_minutes = 15
notify_when_ahead = 2
notify_when_minutes = 10
"""

NIK = "6471054512900003"  # Kalimantan Timur, born 5 December 1990 (a woman: day + 40)

HOLIDAY_TABLES = """
[[holidays]]
date = 2026-11-25
name = "Hari Guru Nasional (contoh)"

[[holidays]]
date = "2026-12-25"
name = "Hari Raya Natal"
"""


def desk_for(office: Office) -> BookingDesk:
    return BookingDesk(office, nik_key=b"test-nik-key")


def form(day: date | str, session: str = "08:00", phone: str = "0812 3456 7001",
         name: str = "Siti Aminah", service: str = "AKTA", **extra: Any) -> BookingForm:
    return BookingForm(service=service, day=str(day), session=session, name=name, phone=phone,
                       **extra)


def book(desk: BookingDesk, day: date | str, session: str = "08:00",
         phone: str = "0812 3456 7001", **extra: Any) -> dict[str, Any]:
    return make_booking(desk, form(day, session, phone, **extra), "http://antrean.test")


def phone_number(n: int) -> str:
    """A distinct valid mobile number per n."""
    return f"0813{n:08d}"
