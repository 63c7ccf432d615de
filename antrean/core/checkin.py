"""Whether a booking may be checked in now, and if not, what the citizen should do."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from antrean.core.booking import BookingStatus, CheckinWindow
from antrean.core.clock import OfficeClock, format_long_date
from antrean.core.errors import DomainError, conflict, refused

WALK_IN = "Silakan ambil nomor antrean biasa di kiosk."


@dataclass(frozen=True)
class CheckinFacts:
    status: BookingStatus
    day: date  # the office-local day booked
    window: CheckinWindow
    checked_in_at: datetime | None = None
    ticket_number: str | None = None


def checkin_refusal(facts: CheckinFacts, now: datetime,
                    clock: OfficeClock) -> DomainError | None:
    """None when the check-in may go ahead; else the error to show at the kiosk."""
    if facts.status is BookingStatus.CHECKED_IN:
        at = clock.format_time(facts.checked_in_at) if facts.checked_in_at else "tadi"
        return conflict("already_checked_in",
                        f"Kode booking ini sudah dipakai untuk check-in pukul {at}; nomor "
                        f"antrean Anda {facts.ticket_number or '-'}. Tunggu panggilan, atau "
                        "tanyakan ke petugas bila nomor Anda hilang.")
    if facts.status is BookingStatus.CANCELLED:
        return refused("booking_cancelled",
                       f"Booking ini sudah dibatalkan. {WALK_IN}")
    if facts.window.contains(now) and facts.status is BookingStatus.BOOKED:
        return None
    if now < facts.window.opens:
        return _too_early(facts, now, clock)
    return _too_late(facts, now, clock)


def _too_early(facts: CheckinFacts, now: datetime, clock: OfficeClock) -> DomainError:
    if clock.local_day(now) < facts.day:
        return refused("checkin_other_day",
                       f"Booking ini untuk {format_long_date(facts.day)}. Silakan datang dan "
                       "check-in pada hari itu.")
    return refused("checkin_too_early",
                   f"Check-in untuk booking ini dibuka pukul "
                   f"{clock.format_time(facts.window.opens)}. Silakan tunggu, lalu scan atau "
                   "ketik kode booking lagi.")


def _too_late(facts: CheckinFacts, now: datetime, clock: OfficeClock) -> DomainError:
    if clock.local_day(now) > facts.day:
        return refused("checkin_other_day",
                       f"Booking ini untuk {format_long_date(facts.day)} dan sudah lewat. "
                       f"{WALK_IN}")
    return refused("checkin_too_late",
                   f"Waktu check-in booking ini sudah berakhir pukul "
                   f"{clock.format_time(facts.window.closes)}. {WALK_IN}")
