"""Check-in: the citizen arrives, scans the QR or types the code, and gets a queue number.

The number is issued through the issuing use case in the same transaction that marks the
booking checked in (channel "online"), with the ticket's place in the queue (`queue_at`) at
the session start for a citizen who came by then: call-next and people-ahead order by it.
The kiosk's "Sudah punya booking?" (kiosk/static/js/kiosk_checkin.js) calls this through
POST /api/v1/bookings/<code>/check-in.
"""

from __future__ import annotations

from dataclasses import dataclass

from antrean.core.booking import BookingStatus, CheckinWindow, queue_moment
from antrean.core.checkin import CheckinFacts, checkin_refusal
from antrean.core.scope import require, within
from antrean.db.booking_models import Booking
from antrean.usecases.booking.making import find_booking
from antrean.usecases.booking.views import BookingView, booking_view
from antrean.usecases.context import Office
from antrean.usecases.queue.issuing import (
    add_ticket,
    announce_issued,
    issued_view,
    known_service,
    refuse_on_holiday,
)
from antrean.usecases.shapes import TicketView


@dataclass(frozen=True)
class CheckinResult:
    booking: BookingView
    ticket: TicketView


def check_in(office: Office, code_text: object, print_base_url: str | None = None,
             scope: str | None = None) -> CheckinResult:
    """Check a booking in and issue its number; a refusal says why and what to do. Staff of
    an agency (`scope`) check in only their agency's bookings, before learning anything of
    another agency's booking (its status, its number)."""
    now = office.now()
    with office.transaction() as session:
        booking = find_booking(session, office, code_text, lock=True)
        service = known_service(office, booking.service_code)
        require(within(scope, service.agency))
        refusal = checkin_refusal(_facts(booking), now, office.clock)
        if refusal is not None:
            raise refusal
        refuse_on_holiday(office, service.name, booking.local_day)
        ticket = add_ticket(session, office, service, now, channel="online", booked=True,
                            queue_at=queue_moment(booking.session_starts_at, now))
        booking.status = BookingStatus.CHECKED_IN.value
        booking.checked_in_at = now
        booking.ticket_id = ticket.id
        booking.ticket = ticket
        ticket_answer, job, update = issued_view(session, office, ticket, print_base_url)
        booking_answer = booking_view(office, booking)
    announce_issued(office, ticket_answer, job, update)
    return CheckinResult(booking=booking_answer, ticket=ticket_answer)


def _facts(booking: Booking) -> CheckinFacts:
    return CheckinFacts(
        status=BookingStatus(booking.status),
        day=booking.local_day,
        window=CheckinWindow(booking.checkin_opens_at, booking.checkin_closes_at),
        checked_in_at=booking.checked_in_at,
        ticket_number=booking.ticket.number if booking.ticket is not None else None,
    )
