"""Which days and sessions a service can still be booked for, and how many places are left.

The days, sessions and bookable services go to phones as JSON (/api/v1/booking-days,
/booking-sessions, /booking-services) and to the /ambil pages; the shapes below are theirs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TypedDict

from sqlalchemy.orm import Session

from antrean.config import ServiceSettings
from antrean.core.booking import BookingRules, BookingSession
from antrean.core.calendar import local_instant
from antrean.core.clock import DAY_NAMES, format_long_date
from antrean.core.errors import DomainError, refused
from antrean.db import booking_queries
from antrean.usecases.context import Office
from antrean.usecases.queue.issuing import known_service


@dataclass(frozen=True)
class SessionPlaces:
    session: BookingSession
    starts_at: datetime
    remaining: int
    open: bool  # still bookable: not started and not full


@dataclass(frozen=True)
class DayPlaces:
    sessions: list[SessionPlaces]
    quota_left: int  # the online quota of the day, less the places held

    @property
    def remaining(self) -> int:
        """Places still bookable that day: the open sessions' seats, within the quota."""
        return min(sum(p.remaining for p in self.sessions if p.open), self.quota_left)


class BookingHeader(TypedDict):
    """The service being booked and its rules, at the top of every booking answer."""

    service: str
    service_name: str
    nik_required: bool
    online_quota: int
    booking_days_ahead: int
    email: bool  # the office notifies by e-mail: the form offers an address field


class BookingService(BookingHeader):
    """A service that takes online bookings, on the first step of /ambil."""

    description: str
    sessions: list[str]  # their labels, "08.00-10.00"


class BookingDay(TypedDict):
    date: str
    label: str
    open: bool
    remaining: int
    closed_reason: str | None
    holiday: str | None  # the holiday's name


class BookingDays(BookingHeader):
    """Every day from today to the last bookable one."""

    days: list[BookingDay]


class BookingSessionView(TypedDict):
    session: str  # BookingSession.key
    label: str
    starts_at: str
    capacity: int
    remaining: int
    open: bool
    closed_reason: str | None


class DaySessions(BookingHeader):
    """One day's sessions, what the booking form offers."""

    date: str
    date_label: str
    open: bool
    closed_reason: str | None
    sessions: list[BookingSessionView]


def booking_service(office: Office, code: str) -> tuple[ServiceSettings, BookingRules]:
    service = known_service(office, code)
    if service.booking is None:
        raise refused("booking_not_offered",
                      f"Layanan {service.name} tidak menerima booking online. Silakan ambil "
                      "nomor antrean di kiosk kantor.")
    return service, service.booking


def last_bookable_day(rules: BookingRules, today: date) -> date:
    return today + timedelta(days=rules.days_ahead)


def day_refusal(office: Office, service: ServiceSettings, rules: BookingRules, day: date,
                today: date) -> DomainError | None:
    """Why `day` cannot be booked, or None."""
    if day < today:
        return refused("day_passed", "Tanggal itu sudah lewat. Pilih hari ini atau sesudahnya.")
    last = last_bookable_day(rules, today)
    if day > last:
        return refused("day_too_far", f"Booking {service.name} dapat dibuat paling jauh sampai "
                                      f"{format_long_date(last)}.")
    holiday = office.settings.calendar.holiday_on(day)
    if holiday is not None:
        return refused("holiday", f"Kantor tutup pada {format_long_date(day)} "
                                  f"({holiday.name}). Pilih hari lain.")
    if not office.settings.calendar.is_working_day(day) or not sessions_on(service, day):
        return refused("day_closed", f"Layanan {service.name} tidak dibuka pada hari "
                                     f"{DAY_NAMES[day.weekday()]}. Pilih hari kerja lain.")
    return None


def sessions_on(service: ServiceSettings, day: date) -> list[BookingSession]:
    """The sessions held on `day`: those that start while the service issues numbers."""
    assert service.booking is not None
    hours = service.issuing_hours.by_weekday[day.weekday()]
    if hours is None:
        return []
    return [s for s in service.booking.sessions if hours.contains(s.start)]


def places(session: Session, office: Office, service: ServiceSettings, first: date,
           last: date, now: datetime) -> dict[date, DayPlaces]:
    """Places left per session for each day from `first` to `last` (days without sessions
    are left out)."""
    rules = service.booking
    assert rules is not None
    taken = booking_queries.places_taken(session, service.code, first, last,
                                         now - timedelta(minutes=rules.release_minutes))
    result: dict[date, DayPlaces] = {}
    for offset in range((last - first).days + 1):
        day = first + timedelta(days=offset)
        day_left = max(rules.online_quota - sum(n for (d, _), n in taken.items() if d == day), 0)
        result[day] = DayPlaces([
            _session_places(office, s, day, now, min(s.capacity - taken.get((day, s.key), 0),
                                                     day_left))
            for s in sessions_on(service, day)
        ], day_left)
    return result


def _session_places(office: Office, bookable: BookingSession, day: date, now: datetime,
                    remaining: int) -> SessionPlaces:
    starts_at = local_instant(office.settings.office.timezone, day, bookable.start)
    remaining = max(remaining, 0)
    return SessionPlaces(bookable, starts_at, remaining, starts_at > now and remaining > 0)


def booking_days(office: Office, service_code: str) -> BookingDays:
    """Every day from today to the last bookable one, open or with the reason it is not."""
    service, rules = booking_service(office, service_code)
    now = office.now()
    today = office.clock.local_day(now)
    last = last_bookable_day(rules, today)
    with office.read_transaction() as session:
        by_day = places(session, office, service, today, last, now)
    days: list[BookingDay] = []
    for offset in range(rules.days_ahead + 1):
        day = today + timedelta(days=offset)
        refusal = day_refusal(office, service, rules, day, today)
        remaining = by_day[day].remaining
        reason = refusal.message if refusal else None if remaining else \
            "Semua sesi sudah penuh atau sudah dimulai."
        days.append({"date": day.isoformat(), "label": format_long_date(day),
                     "open": reason is None, "remaining": remaining if refusal is None else 0,
                     "closed_reason": reason,
                     "holiday": getattr(office.settings.calendar.holiday_on(day), "name", None)})
    return {**service_header(office, service, rules), "days": days}


def day_sessions(office: Office, service_code: str, day: date) -> DaySessions:
    """The sessions of one day with the places left in each (what the booking form offers)."""
    service, rules = booking_service(office, service_code)
    now = office.now()
    today = office.clock.local_day(now)
    refusal = day_refusal(office, service, rules, day, today)
    sessions: list[SessionPlaces] = []
    if refusal is None:
        with office.read_transaction() as session:
            sessions = places(session, office, service, day, day, now)[day].sessions
    clock = office.clock
    return {
        **service_header(office, service, rules),
        "date": day.isoformat(), "date_label": format_long_date(day),
        "open": refusal is None and any(p.open for p in sessions),
        "closed_reason": refusal.message if refusal else None,
        "sessions": [{
            "session": p.session.key, "label": f"{p.session.label()} {clock.zone_name}",
            "starts_at": p.starts_at.isoformat(), "capacity": p.session.capacity,
            "remaining": p.remaining, "open": p.open,
            "closed_reason": None if p.open else
            ("Sesi sudah dimulai." if p.starts_at <= now else "Sesi sudah penuh."),
        } for p in sessions],
    }


def service_header(office: Office, service: ServiceSettings,
                   rules: BookingRules) -> BookingHeader:
    return {"service": service.code, "service_name": service.name,
            "nik_required": rules.nik_required, "online_quota": rules.online_quota,
            "booking_days_ahead": rules.days_ahead,
            "email": "email" in office.settings.notify.channels()}


def booking_services(office: Office) -> list[BookingService]:
    """The services that take online bookings, for the first step of /ambil."""
    return [{**service_header(office, s, s.booking),
             "description": s.standard.description,
             "sessions": [b.label() for b in s.booking.sessions]}
            for s in office.settings.services if s.booking is not None]
