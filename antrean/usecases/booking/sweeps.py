"""What happens to bookings by itself as time passes: missed windows become "tidak datang",
on the morning of the day each citizen is reminded, and whose turn came near is told. All are
safe to run in several server processes at once (a conditional UPDATE; the outbox's unique
key)."""

from __future__ import annotations

from datetime import time

from antrean.core.calendar import local_instant
from antrean.core.notices import Notice
from antrean.db import booking_queries
from antrean.usecases.booking.desk import BookingDesk
from antrean.usecases.booking.notices import queue_notice, queue_turn_near_notices
from antrean.usecases.context import Office


def expire_overdue(office: Office) -> int:
    """Mark every booking whose check-in window has closed as "tidak datang"."""
    with office.transaction() as session:
        return booking_queries.mark_no_shows(session, office.now())


def queue_reminders(desk: BookingDesk) -> int:
    """From `[booking] reminder_time` on, remind today's citizens who booked on an earlier
    day (someone who booked this morning was just told everything)."""
    office = desk.office
    if not office.settings.notify.channels():
        return 0
    now = office.now()
    today = office.clock.local_day(now)
    zone = office.settings.office.timezone
    if now < local_instant(zone, today, office.settings.booking.reminder_time):
        return 0
    added = 0
    with office.transaction() as session:
        start_of_today = local_instant(zone, today, time.min)
        for booking in booking_queries.needing_reminder(session, today, start_of_today, now):
            added += queue_notice(session, office, booking, Notice.REMINDER, now,
                                  desk.base_url())
    if added:
        desk.wake_sender()
    return added


def queue_near_turns(desk: BookingDesk) -> int:
    """Turn-near notices of every service that takes bookings: the queue's events bring them
    at once, this round catches an estimate that fell with time or an event missed."""
    services = [s.code for s in desk.office.settings.services if s.booking is not None]
    return sum(queue_turn_near_notices(desk, code) for code in services)


def sweep(desk: BookingDesk) -> tuple[int, int, int]:
    """One round of the background worker: (bookings expired, reminders queued, turn-near
    notices queued)."""
    return expire_overdue(desk.office), queue_reminders(desk), queue_near_turns(desk)


