"""Issuing a numbered ticket: holidays, hours, quota, atomic numbering."""

from __future__ import annotations

import secrets
from datetime import date, datetime

from sqlalchemy.orm import Session

from antrean.config import ServiceSettings
from antrean.core.clock import format_long_date
from antrean.core.errors import invalid, refused
from antrean.core.kiosk_agencies import refuse_other_agency
from antrean.core.numbering import format_number
from antrean.core.priority_check import PriorityCheck
from antrean.core.ticket import Priority, TicketStatus, priority_label
from antrean.db import booking_queries, queries, request_keys
from antrean.db.models import Ticket
from antrean.db.printing_models import PrintJob
from antrean.usecases.access import audit
from antrean.usecases.access.kiosk_agencies import agencies_at
from antrean.usecases.context import Office
from antrean.usecases.events import EventKind, QueueEvent
from antrean.usecases.queue.screen_changes import ScreenChanges
from antrean.usecases.queue.service_status import closed_message, paused_message
from antrean.usecases.queue.ticket_printing import print_status_view, printing_enabled, queue_print
from antrean.usecases.queue.ticket_view import ticket_view
from antrean.usecases.shapes import TicketView

CHANNELS = ("kiosk", "online", "counter")


def issue_ticket(office: Office, service_code: str, priority: Priority | None = None,
                 channel: str = "kiosk", print_base_url: str | None = None,
                 request_key: str | None = None,
                 issued_by_staff: int | None = None,
                 kiosk_device: int | None = None) -> TicketView:
    """Issue a number; with `print_base_url` a paper copy is queued in the same transaction.

    `issued_by_staff`: the signed-in petugas who issued it; their priority needs no greeter.
    `kiosk_device`: the paired kiosk asking; one set to some agencies issues only theirs.

    A `request_key` is claimed in the same transaction: a concurrent request with the same
    key fails with IntegrityError (see issuing_once) and rolls back, numbering included.
    """
    if channel not in CHANNELS:
        raise invalid("invalid_channel", "Saluran pengambilan nomor tidak dikenal.")
    now = office.now()
    with office.transaction(setup_read_later=True) as session:
        service, sequence = take_number(session, office, service_code,
                                        office.clock.local_day(now))
        shown = agencies_at(session, office, kiosk_device) if kiosk_device is not None else None
        if shown is not None:  # a kiosk set to some agencies issues only theirs
            refuse_other_agency(service.agency, shown, service.name)
        refuse_when_closed(office, service, office.clock.local(now))
        ticket = add_ticket(session, office, service, now, priority=priority, channel=channel,
                            sequence=sequence)
        if ticket.priority_check == PriorityCheck.PENDING and issued_by_staff is not None:
            confirm_at_issue(session, office, ticket, now, issued_by_staff)
        if request_key:
            request_keys.claim_key(session, request_key, now, ticket.id)
        view, job, update = issued_view(session, office, ticket, print_base_url)
    announce_issued(office, view, job, update)
    return view


def take_number(session: Session, office: Office, service_code: str,
                day: date) -> tuple[ServiceSettings, int]:
    """The service as the set-up the database holds now, and its next number of the day.

    The numbering statement reads the set-up's version too (in a transaction begun with
    `setup_read_later`), so the checks after it see the latest set-up; a refusal rolls the
    number back. A code this process does not know is looked up in the stored set-up first
    (another process may have just added it), never numbered blindly.
    """
    if office.settings.service(service_code) is None:
        office.read_setup(session)
    known_service(office, service_code)
    sequence, setup_version = queries.next_sequence_and_setup_version(session, service_code,
                                                                      day)
    office.use_setup_version(session, setup_version)
    return known_service(office, service_code), sequence  # it may have just been removed


def add_ticket(session: Session, office: Office, service: ServiceSettings, now: datetime, *,
               priority: Priority | None = None, channel: str = "kiosk",
               queue_at: datetime | None = None, booked: bool = False,
               sequence: int | None = None) -> Ticket:
    """Number and store a ticket in the caller's transaction (`sequence`: the number the
    caller took already, see take_number).

    A booked ticket (a check-in) took its place in the online quota when it was booked, so
    it never counts against the walk-in daily quota, and walk-ins never lose places to it.
    """
    local_day = office.clock.local_day(now)
    if sequence is None:
        sequence = queries.next_sequence(session, service.code, local_day)
    rules = office.settings.priority
    quota_applies = not booked and service.daily_quota is not None \
        and (priority is None or rules.counts_against_quota)
    if quota_applies and _walk_in_count(session, office, service, local_day,
                                        sequence) > (service.daily_quota or 0):
        # Raising rolls the sequence back: a refused request uses no number.
        raise refused("quota_full", "Kuota layanan hari ini sudah habis.")
    pending = priority is not None and rules.greeter_confirms
    ticket = Ticket(
        public_id=secrets.token_urlsafe(9),
        number=format_number(service.prefix, sequence),
        origin_service_code=service.code,
        service_code=service.code,
        local_day=local_day,
        sequence=sequence,
        priority=priority.value if priority else None,
        # A priority awaiting its greeter queues as regular until confirmed.
        priority_rank=0 if priority and not pending else 1,
        priority_check=PriorityCheck.PENDING.value if pending else None,
        status=TicketStatus.WAITING,
        channel=channel,
        issued_at=now,
        queue_at=queue_at or now,
    )
    queries.insert_ticket(session, ticket)
    queries.log_event_now(session, ticket, "issue", now,
                          detail=priority.value if priority else None)
    return ticket


def _walk_in_count(session: Session, office: Office, service: ServiceSettings, day: date,
                   sequence: int) -> int:
    # The sequence row is locked by now, so check-ins counted here cannot change under us.
    count = sequence
    if service.booking is not None:
        count -= booking_queries.checked_in_count(session, service.code, day)
    if not office.settings.priority.counts_against_quota:
        count -= queries.priority_count(session, service.code, day)
    return count


def confirm_at_issue(session: Session, office: Office, ticket: Ticket, now: datetime,
                     user_id: int) -> None:
    """Staff issuing a priority ticket (the greeter at the desk) confirm it as they issue."""
    ticket.priority_check = PriorityCheck.CONFIRMED.value
    ticket.priority_rank = 0
    queries.log_event(session, ticket, "priority_confirm", now, None, user_id)
    audit.record(session, office, audit.PRIORITY_CONFIRMED, user_id, ticket.number,
                 priority_label(ticket.priority) or "")


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


def refuse_when_closed(office: Office, service: ServiceSettings, local_now: datetime) -> None:
    """A holiday, a temporary closure or the issuing hours: no new number, with the reason."""
    refuse_on_holiday(office, service.name, local_now.date())
    if service.paused_reason:
        raise refused("service_paused", paused_message(service))
    if not service.issuing_hours.is_open(local_now):
        raise refused("service_closed", closed_message(service.name, service.issuing_hours,
                                                       local_now))


def refuse_on_holiday(office: Office, service_name: str, day: date) -> None:
    holiday = office.settings.calendar.holiday_on(day)
    if holiday is not None:
        raise refused("holiday", f"Kantor tutup pada {format_long_date(day)} ({holiday.name}). "
                                 f"Layanan {service_name} tidak dibuka hari ini.")

