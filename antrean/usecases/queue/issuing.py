"""Issuing a numbered ticket: holidays, hours, quota, atomic numbering."""

from __future__ import annotations

import secrets
from datetime import date, datetime

from sqlalchemy.orm import Session

from antrean.config import ServiceSettings
from antrean.core.clock import format_long_date
from antrean.core.errors import invalid, refused
from antrean.core.numbering import format_number
from antrean.core.ticket import Priority, TicketStatus
from antrean.db import booking_queries, queries, request_keys
from antrean.db.models import Ticket
from antrean.db.printing_models import PrintJob
from antrean.usecases.context import Office
from antrean.usecases.events import EventKind, QueueEvent
from antrean.usecases.queue.screen_changes import ScreenChanges
from antrean.usecases.queue.service_status import closed_message
from antrean.usecases.queue.ticket_printing import print_status_view, printing_enabled, queue_print
from antrean.usecases.queue.ticket_view import ticket_view
from antrean.usecases.shapes import TicketView

CHANNELS = ("kiosk", "online", "counter")


def issue_ticket(office: Office, service_code: str, priority: Priority | None = None,
                 channel: str = "kiosk", print_base_url: str | None = None,
                 request_key: str | None = None) -> TicketView:
    """Issue a number; with `print_base_url` a paper copy is queued in the same transaction.

    A `request_key` is claimed in the same transaction: a concurrent request with the same
    key fails with IntegrityError (see issuing_once) and rolls back, numbering included.
    """
    service = known_service(office, service_code)
    if channel not in CHANNELS:
        raise invalid("invalid_channel", "Saluran pengambilan nomor tidak dikenal.")
    now = office.now()
    local_now = office.clock.local(now)
    refuse_on_holiday(office, service.name, local_now.date())
    if not service.issuing_hours.is_open(local_now):
        raise refused("service_closed", closed_message(service.name, service.issuing_hours,
                                                       local_now))
    with office.transaction() as session:
        ticket = add_ticket(session, office, service, now, priority=priority, channel=channel)
        if request_key:
            request_keys.claim_key(session, request_key, now, ticket.id)
        view, job, update = issued_view(session, office, ticket, print_base_url)
    announce_issued(office, view, job, update)
    return view


def add_ticket(session: Session, office: Office, service: ServiceSettings, now: datetime, *,
               priority: Priority | None = None, channel: str = "kiosk",
               queue_at: datetime | None = None, booked: bool = False) -> Ticket:
    """Number and store a ticket in the caller's transaction.

    A booked ticket (a check-in) took its place in the online quota when it was booked, so
    it never counts against the walk-in daily quota, and walk-ins never lose places to it.
    """
    local_day = office.clock.local_day(now)
    sequence = queries.next_sequence(session, service.code, local_day)
    if not booked and service.daily_quota is not None \
            and _walk_in_count(session, service, local_day, sequence) > service.daily_quota:
        # Raising rolls the sequence back: a refused request uses no number.
        raise refused("quota_full", "Kuota layanan hari ini sudah habis.")
    ticket = Ticket(
        public_id=secrets.token_urlsafe(9),
        number=format_number(service.prefix, sequence),
        origin_service_code=service.code,
        service_code=service.code,
        local_day=local_day,
        sequence=sequence,
        priority=priority.value if priority else None,
        priority_rank=0 if priority else 1,
        status=TicketStatus.WAITING,
        channel=channel,
        issued_at=now,
        queue_at=queue_at or now,
    )
    session.add(ticket)
    session.flush()
    queries.log_event(session, ticket, "issue", now,
                      detail=priority.value if priority else None)
    return ticket


def _walk_in_count(session: Session, service: ServiceSettings, day: date, sequence: int) -> int:
    # The sequence row is locked by now, so check-ins counted here cannot change under us.
    if service.booking is None:
        return sequence
    return sequence - booking_queries.checked_in_count(session, service.code, day)


def issued_view(session: Session, office: Office, ticket: Ticket, print_base_url: str | None,
                ) -> tuple[TicketView, PrintJob | None, QueueEvent]:
    """The ticket as answered, with its paper copy queued when the kiosk prints, and the
    update the screens get (its service's entry)."""
    changes = ScreenChanges(services={ticket.service_code})
    changes.take_versions(session)  # before counting the queue below (see screen_changes)
    ahead, waiting = queries.queue_position(session, ticket)
    view = ticket_view(session, office, ticket, ahead=ahead)
    job = None
    if print_base_url is not None and printing_enabled(office):
        job = queue_print(session, office, ticket, print_base_url)
        view["print_status"] = print_status_view(job)
    # The sequence row is locked by this transaction: its number is the day's last.
    changes.issued[ticket.service_code] = ticket.sequence
    changes.waiting[ticket.service_code] = waiting
    return view, job, changes.update_event(session, office)


def announce_issued(office: Office, view: TicketView, job: PrintJob | None,
                    update: QueueEvent) -> None:
    """After the commit: screens hear of the ticket, and its paper copy goes to the printer."""
    office.publish([QueueEvent(EventKind.ISSUED, ticket=view), update])
    if job is not None:
        office.print_dispatcher.submit(job.id)  # only after commit: the ticket always exists


def known_service(office: Office, service_code: str) -> ServiceSettings:
    service = office.settings.service(service_code)
    if service is None:
        raise invalid("unknown_service", f"Layanan '{service_code}' tidak dikenal.")
    return service


def refuse_on_holiday(office: Office, service_name: str, day: date) -> None:
    holiday = office.settings.calendar.holiday_on(day)
    if holiday is not None:
        raise refused("holiday", f"Kantor tutup pada {format_long_date(day)} ({holiday.name}). "
                                 f"Layanan {service_name} tidak dibuka hari ini.")

