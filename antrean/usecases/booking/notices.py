"""Queue the notices a booking earns: made, reminder, turn near, called, cancelled.

Each goes into the outbox in the caller's transaction, once per booking, message and channel
(a unique key), and is sent after the commit by usecases.booking.delivery: a gateway that is
down can neither block nor undo what the citizen or the petugas did.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime

from sqlalchemy.orm import Session

from antrean.core.booking import BookingRules
from antrean.core.notices import Notice, NoticeFacts, subject, text
from antrean.db import booking_queries, outbox, queries
from antrean.db.booking_models import Booking
from antrean.usecases.booking.desk import BookingDesk
from antrean.usecases.booking.views import notice_facts
from antrean.usecases.context import Office
from antrean.usecases.queue.ticket_view import estimate_wait_seconds, wait_label


def queue_notice(session: Session, office: Office, booking: Booking, notice: Notice,
                 now: datetime, base_url: str, **facts: object) -> int:
    """Add the notice for every configured channel that can reach the citizen; returns how
    many were added (0 when each was queued before)."""
    filled = replace(notice_facts(office, booking, base_url), **facts)  # type: ignore[arg-type]
    added = 0
    for channel in office.settings.notify.channels():
        recipient = booking.phone if channel == "webhook" else booking.email
        if recipient:
            payload = _payload(notice, filled, booking)
            added += outbox.add_once(session, booking.id, notice.value, channel, recipient,
                                     payload, now)
    return added


def _payload(notice: Notice, facts: NoticeFacts, booking: Booking) -> str:
    data = {
        "booking": {"code": booking.code, "service": booking.service_code,
                    "date": booking.local_day.isoformat(), "session": booking.session_start,
                    "session_starts_at": booking.session_starts_at.isoformat(),
                    "estimated_service_at": booking.estimated_at.isoformat(),
                    "link": facts.link or None},
        "ticket": {"number": facts.ticket_number, "ahead": facts.ahead,
                   "counter": facts.counter or None} if facts.ticket_number else None,
    }
    return json.dumps({"key": f"{booking.code}:{notice.value}", "name": booking.name,
                       "subject": subject(notice, facts),
                       "text": text(notice, facts), "data": data}, ensure_ascii=False)


def queue_called_notice(desk: BookingDesk, ticket_id: str) -> bool:
    """After a call commits: "Nomor antrean A-012 dipanggil. Silakan menuju Loket 2." for a
    ticket that came from a booking. False for a walk-in ticket, or when already sent."""
    office = desk.office
    with office.transaction() as session:
        ticket = queries.ticket_by_public_id(session, ticket_id)
        booking = booking_queries.booking_of_ticket(session, ticket.id) if ticket else None
        if ticket is None or booking is None or ticket.counter_number is None:
            return False
        name = office.settings.counter_voice(ticket.counter_number).display
        added = queue_notice(session, office, booking, Notice.CALLED, office.now(),
                             desk.base_url(), ticket_number=ticket.number, counter=name)
    if added:
        desk.wake_sender()
    return bool(added)


def queue_turn_near_notices(desk: BookingDesk, service_code: str) -> int:
    """After the queue of a service moved: tell each booked citizen whose turn is near (at
    most `notify_when_ahead` people ahead, or an estimate under `notify_when_minutes`).

    Runs after every call, so it first looks without the write lock and writes only when
    someone is due a notice not yet queued."""
    office = desk.office
    service = office.settings.service(service_code)
    if service is None or service.booking is None or not office.settings.notify.channels():
        return 0
    now = office.now()
    with office.read_transaction() as session:
        due = _near_turns(session, office, service.booking, service_code, now)
    if not due:
        return 0
    added = 0
    with office.transaction() as session:
        for booking_id, number, ahead, wait in due:
            booking = session.get(Booking, booking_id)
            if booking is not None:
                added += queue_notice(session, office, booking, Notice.TURN_NEAR, now,
                                      desk.base_url(), ticket_number=number, ahead=ahead,
                                      wait=wait_label(ahead, wait))
    if added:
        desk.wake_sender()
    return added


def _near_turns(session: Session, office: Office, rules: BookingRules, service_code: str,
                now: datetime) -> list[tuple[int, str, int, int]]:
    """(booking id, number, people ahead, estimated wait) of booked tickets near their turn
    and not told yet. The estimate grows with the people ahead, so the walk stops at the
    first ticket that is far on both counts."""
    waiting = queries.waiting_tickets(session, [service_code], office.clock.local_day(now))
    booked = booking_queries.bookings_of_tickets(session, [t.id for t in waiting])
    told = booking_queries.bookings_told(session, [b.id for b in booked.values()],
                                         Notice.TURN_NEAR.value)
    due = []
    for ahead, ticket in enumerate(waiting):
        wait = estimate_wait_seconds(session, office, service_code, ahead)
        if ahead > rules.notify_when_ahead and wait > rules.notify_when_minutes * 60:
            break
        booking = booked.get(ticket.id)
        if booking is not None and booking.id not in told:
            due.append((booking.id, ticket.number, ahead, wait))
    return due
