"""Online booking (antrean online): statuses, booking codes, sessions and their rules.

A citizen books a place in a session of a service on a day; on arrival the booking is checked
in at the kiosk, which issues the queue number. Places are counted per session (its capacity)
and per day (the service's online quota, separate from the walk-in daily quota).
"""

from __future__ import annotations

import math
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from enum import StrEnum


class BookingStatus(StrEnum):
    BOOKED = "booked"
    CHECKED_IN = "checked_in"
    CANCELLED = "cancelled"
    NO_SHOW = "no_show"  # "tidak datang": not checked in by the end of the window


STATUS_LABELS = {
    BookingStatus.BOOKED: "Terdaftar",
    BookingStatus.CHECKED_IN: "Sudah check-in",
    BookingStatus.CANCELLED: "Dibatalkan",
    BookingStatus.NO_SHOW: "Tidak datang",
}

# A booking holds its place while booked or used; a cancelled one only until it is released.
HOLDING_STATUSES = (BookingStatus.BOOKED, BookingStatus.CHECKED_IN, BookingStatus.NO_SHOW)
# One person (phone or NIK) has at most one of these per service and day.
ACTIVE_STATUSES = (BookingStatus.BOOKED, BookingStatus.CHECKED_IN)

# Read aloud and typed on a kiosk: no 0/O, 1/I (nor L, easily taken for 1 or I).
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 8
_CODE_IN_TEXT = re.compile(r"(?:/b/)?([0-9A-Za-z -]{8,12})/?$")


def new_code() -> str:
    """Eight characters from 31: about 8.5e11 codes, guessed by nobody."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def format_code(code: str) -> str:
    """"K7QM-4XPD": two groups of four read more easily aloud."""
    return f"{code[:4]}-{code[4:]}"


def parse_code(text: str) -> str | None:
    """The code in what was typed or scanned: "k7qm 4xpd", "K7QM-4XPD" or the QR's URL."""
    match = _CODE_IN_TEXT.search(text.strip())
    if match is None:
        return None
    code = match.group(1).replace("-", "").replace(" ", "").upper()
    if len(code) != CODE_LENGTH or any(c not in CODE_ALPHABET for c in code):
        return None
    return code


@dataclass(frozen=True)
class BookingSession:
    """A part of the day that takes bookings, e.g. 08.00-10.00 for 20 people."""

    start: time
    end: time
    capacity: int

    @property
    def key(self) -> str:
        """How the session is named in requests and stored: "08:00"."""
        return f"{self.start:%H:%M}"

    def label(self) -> str:
        end = "24.00" if self.end == time.max else f"{self.end:%H.%M}"
        return f"{self.start:%H.%M}-{end}"


@dataclass(frozen=True)
class BookingRules:
    """A service's online booking; a service without sessions takes no bookings."""

    sessions: tuple[BookingSession, ...]
    online_quota: int  # bookings per day, beside the walk-in daily_quota
    days_ahead: int = 7  # bookable from today up to this many days ahead
    nik_required: bool = False
    release_minutes: int = 60  # a cancelled place is offered again only after this delay
    checkin_opens_minutes: int = 60  # check-in opens this long before the session starts
    checkin_closes_minutes: int = 15  # and closes this long after it started
    notify_when_ahead: int = 5  # "giliran Anda sudah dekat" at this many people ahead
    notify_when_minutes: int = 15  # or when the estimated wait drops under this

    def session(self, key: str) -> BookingSession | None:
        return next((s for s in self.sessions if s.key == key), None)


@dataclass(frozen=True)
class CheckinWindow:
    opens: datetime
    closes: datetime  # inclusive: a check-in at this very second is still on time

    def contains(self, instant: datetime) -> bool:
        return self.opens <= instant <= self.closes


def checkin_window(session_start: datetime, rules: BookingRules) -> CheckinWindow:
    return CheckinWindow(session_start - timedelta(minutes=rules.checkin_opens_minutes),
                         session_start + timedelta(minutes=rules.checkin_closes_minutes))


def estimated_service_at(session_start: datetime, places_before: int,
                         average_service_minutes: float, counters: int) -> datetime:
    """When the citizen should be served (JKN's estimasidilayani): the session start plus
    the service time of the bookings before theirs, shared by the counters that serve it."""
    minutes = places_before * average_service_minutes / max(counters, 1)
    return session_start + timedelta(minutes=math.floor(minutes))


def queue_moment(session_start: datetime, checked_in_at: datetime) -> datetime:
    """Where a checked-in booking stands in the queue: at its session start when the citizen
    came on time, so walk-ins who arrived after the start are behind; else at arrival."""
    return max(session_start, checked_in_at)
