"""The public shape of a booking, as its page, the API and the notices see it."""

from __future__ import annotations

from datetime import datetime
from typing import TypedDict

from sqlalchemy.orm import Session

from antrean.core.booking import STATUS_LABELS, BookingStatus, format_code
from antrean.core.clock import format_long_date
from antrean.core.contact import mask_nik, mask_phone
from antrean.core.notices import NoticeFacts
from antrean.db.booking_models import Booking
from antrean.usecases.context import Office
from antrean.usecases.queue.ticket_view import service_name, ticket_view


class NearThresholds(TypedDict):
    """When the booking's page says "giliran Anda sudah dekat"."""

    near_when_ahead: int
    near_when_minutes: int


class BookingQueue(NearThresholds):
    """What the booking's page may show of its ticket: never the ticket's secret id."""

    number: str
    status: str
    status_label: str
    called_at: str | None
    counter: int | None
    counter_name: str | None
    ahead: int
    ahead_label: str
    ahead_note: str | None
    estimated_wait_seconds: int
    estimated_wait_label: str | None
    counter_word: str  # kept for API clients; the page reads counter_name


class BookingView(TypedDict):
    """A booking as its page, the API and the admin see it: never the NIK (its last four
    digits, masked) nor the ticket's secret id."""

    code: str
    code_label: str
    status: str
    status_label: str
    service: str
    service_name: str
    date: str
    date_label: str
    session: str
    session_label: str
    session_starts_at: str
    arrive_by: str
    arrive_by_label: str
    checkin_opens_at: str
    checkin_opens_label: str
    checkin_closes_at: str
    checkin_closes_label: str
    estimated_service_at: str
    estimated_service_label: str
    position: int
    name: str
    phone_masked: str
    nik_masked: str | None
    created_at: str
    cancelled_at: str | None
    checked_in_at: str | None
    ticket_number: str | None
    can_cancel: bool
    queue: BookingQueue | None  # filled by a read: see queue_view


def booking_view(office: Office, booking: Booking,
                 now: datetime | None = None) -> BookingView:
    """Never the NIK (only its last four digits) nor the ticket's secret id. With `now`, a
    booking whose check-in window has closed reads "tidak datang" even before the sweep."""
    clock = office.clock
    status = BookingStatus(booking.status)
    if now is not None and status is BookingStatus.BOOKED and booking.checkin_closes_at < now:
        status = BookingStatus.NO_SHOW
    return {
        "code": booking.code,
        "code_label": format_code(booking.code),
        "status": status.value,
        "status_label": STATUS_LABELS[status],
        "service": booking.service_code,
        "service_name": service_name(office, booking.service_code),
        "date": booking.local_day.isoformat(),
        "date_label": format_long_date(booking.local_day),
        "session": booking.session_start,
        "session_label": f"{booking.session_label} {clock.zone_name}",
        "session_starts_at": booking.session_starts_at.isoformat(),
        "arrive_by": booking.session_starts_at.isoformat(),
        "arrive_by_label": clock.format_time(booking.session_starts_at),
        "checkin_opens_at": booking.checkin_opens_at.isoformat(),
        "checkin_opens_label": clock.format_time(booking.checkin_opens_at),
        "checkin_closes_at": booking.checkin_closes_at.isoformat(),
        "checkin_closes_label": clock.format_time(booking.checkin_closes_at),
        "estimated_service_at": booking.estimated_at.isoformat(),
        "estimated_service_label": clock.format_time(booking.estimated_at),
        "position": booking.position,
        "name": booking.name,
        "phone_masked": mask_phone(booking.phone),
        "nik_masked": mask_nik(booking.nik_last4) if booking.nik_last4 else None,
        "created_at": booking.created_at.isoformat(),
        "cancelled_at": booking.cancelled_at.isoformat() if booking.cancelled_at else None,
        "checked_in_at": booking.checked_in_at.isoformat() if booking.checked_in_at else None,
        "ticket_number": booking.ticket.number if booking.ticket is not None else None,
        "can_cancel": status is BookingStatus.BOOKED,
        "queue": None,  # filled by a read: see queue_view
    }


def notice_facts(office: Office, booking: Booking, base_url: str) -> NoticeFacts:
    clock = office.clock
    return NoticeFacts(
        office=office.settings.office.name,
        service=service_name(office, booking.service_code),
        code=format_code(booking.code),
        day=format_long_date(booking.local_day),
        session=f"{booking.session_label} {clock.zone_name}",
        arrive_by=clock.format_time(booking.session_starts_at),
        checkin_opens=clock.format_time(booking.checkin_opens_at),
        estimate=clock.format_time(booking.estimated_at),
        link=f"{base_url}/b/{booking.code}" if base_url else "",
        ticket_number=booking.ticket.number if booking.ticket is not None else "",
    )


def queue_view(session: Session, office: Office, booking: Booking) -> BookingQueue | None:
    """Where a checked-in booking's ticket stands now (people ahead, estimated wait, the
    loket that called it), and when its page says "giliran Anda sudah dekat"."""
    if booking.ticket is None:
        return None
    ticket = ticket_view(session, office, booking.ticket)
    return {
        "number": ticket["number"],
        "status": ticket["status"],
        "status_label": ticket["status_label"],
        "called_at": ticket["called_at"],
        "counter": ticket["counter"],
        "counter_name": ticket["counter_name"],
        "ahead": ticket["ahead"],
        "ahead_label": ticket["ahead_label"],
        "ahead_note": ticket["ahead_note"],
        "estimated_wait_seconds": ticket["estimated_wait_seconds"],
        "estimated_wait_label": ticket["estimated_wait_label"],
        **near_thresholds(office, booking.service_code),
        "counter_word": office.settings.office.counter_word,
    }


def near_thresholds(office: Office, service_code: str) -> NearThresholds:
    """When the page says "giliran Anda sudah dekat": the service's booking rules, or the
    office's [booking] defaults for a service that takes no bookings."""
    service = office.settings.service(service_code)
    rules = service.booking if service is not None else None
    defaults = office.settings.booking
    return {"near_when_ahead": rules.notify_when_ahead if rules else defaults.notify_when_ahead,
            "near_when_minutes": rules.notify_when_minutes if rules
            else defaults.notify_when_minutes}
