"""What a petugas does with a called ticket: start, finish, skip, no-show, transfer, cancel."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy.orm import Session

from antrean.core.errors import DomainError, conflict, invalid, not_found
from antrean.core.priority_check import PriorityCheck, check_can_decide, removal_reason
from antrean.core.scope import TRANSFER_MESSAGE, may_transfer, require
from antrean.core.ticket import (
    CITIZEN_CANCEL,
    TicketAction,
    TicketStatus,
    next_status,
    priority_label,
)
from antrean.db import queries
from antrean.db.models import Ticket
from antrean.usecases.access import audit
from antrean.usecases.context import Office
from antrean.usecases.events import EventKind, QueueEvent
from antrean.usecases.queue.calling import finish_ticket
from antrean.usecases.queue.counter_holding import check_holder
from antrean.usecases.queue.screen_changes import ScreenChanges
from antrean.usecases.queue.ticket_view import ticket_view
from antrean.usecases.shapes import TicketView

Change = Callable[[Session, Ticket, datetime, int | None], None]


def start(office: Office, public_id: str, user_id: int | None) -> TicketView:
    def change(session: Session, ticket: Ticket, now: datetime, user: int | None) -> None:
        ticket.status = next_status(ticket.status, TicketAction.START)
        ticket.started_at = now
        queries.log_event(session, ticket, "start", now, ticket.counter_number, user)
    return _apply(office, public_id, user_id, change)


def finish(office: Office, public_id: str, user_id: int | None) -> TicketView:
    def change(session: Session, ticket: Ticket, now: datetime, user: int | None) -> None:
        finish_ticket(session, ticket, now, ticket.counter_number, user)
    return _apply(office, public_id, user_id, change)


def skip(office: Office, public_id: str, user_id: int | None) -> TicketView:
    """"Lewati": the citizen is not here yet; the ticket can be put back in the queue later."""
    return _simple(office, public_id, user_id, TicketAction.SKIP, "skip")


def no_show(office: Office, public_id: str, user_id: int | None) -> TicketView:
    return _simple(office, public_id, user_id, TicketAction.NO_SHOW, "no_show")


def cancel(office: Office, public_id: str, user_id: int | None) -> TicketView:
    return _simple(office, public_id, user_id, TicketAction.CANCEL, "cancel")


def cancel_by_citizen(office: Office, public_id: str) -> TicketView:
    """"Batalkan nomor" on the tracking page: whoever holds the ticket's link gives it up.

    Logged with the detail "warga", so reports count it apart from a petugas' cancel.
    """
    def change(session: Session, ticket: Ticket, now: datetime, user: int | None) -> None:
        try:
            ticket.status = next_status(ticket.status, TicketAction.CANCEL)
        except DomainError as error:
            raise conflict("cannot_cancel", "Nomor ini tidak dapat dibatalkan lagi karena "
                           "sudah dipanggil, dilayani atau selesai.") from error
        queries.log_event(session, ticket, "cancel", now, ticket.counter_number, None,
                          detail=CITIZEN_CANCEL)
        ticket.counter_number = None
    return _apply(office, public_id, None, change)


def confirm_priority(office: Office, public_id: str, user_id: int | None) -> TicketView:
    """The greeter or the calling petugas saw that the priority is owed: it stays first."""
    def change(session: Session, ticket: Ticket, now: datetime, user: int | None) -> None:
        check_can_decide(ticket.priority, ticket.status, ticket.priority_check)
        ticket.priority_check = PriorityCheck.CONFIRMED.value
        ticket.priority_rank = 0
        queries.log_event(session, ticket, "priority_confirm", now, ticket.counter_number, user)
        audit.record(session, office, audit.PRIORITY_CONFIRMED, user, ticket.number,
                     priority_label(ticket.priority) or "")
    return _apply(office, public_id, user_id, change)


def remove_priority(office: Office, public_id: str, reason: object,
                    user_id: int | None) -> TicketView:
    """The priority is not owed: the ticket queues as regular in its place by issue time.

    A called ticket goes back to waiting (the counter is free to call the next one); the
    reason goes to the audit log and the ticket's event log.
    """
    text = removal_reason(reason)

    def change(session: Session, ticket: Ticket, now: datetime, user: int | None) -> None:
        check_can_decide(ticket.priority, ticket.status, ticket.priority_check)
        claimed = priority_label(ticket.priority) or ""
        queries.log_event(session, ticket, "priority_remove", now, ticket.counter_number, user,
                          detail=text)
        audit.record(session, office, audit.PRIORITY_REMOVED, user, ticket.number,
                     f"{claimed}; alasan: {text}")
        ticket.priority_check = PriorityCheck.REMOVED.value
        ticket.priority = None
        ticket.priority_rank = 1
        if ticket.status == TicketStatus.CALLED:
            ticket.status = TicketStatus.WAITING
            ticket.counter_number = None
    return _apply(office, public_id, user_id, change)


def requeue(office: Office, public_id: str, user_id: int | None) -> TicketView:
    """A skipped citizen turned up: back in the queue at the place their issue time gives."""
    def change(session: Session, ticket: Ticket, now: datetime, user: int | None) -> None:
        ticket.status = next_status(ticket.status, TicketAction.REQUEUE)
        queries.log_event(session, ticket, "requeue", now, ticket.counter_number, user)
        ticket.counter_number = None
    return _apply(office, public_id, user_id, change)


def transfer(office: Office, public_id: str, target_service: object,
             user_id: int | None, scope: str | None = None) -> TicketView:
    """Move to another service's queue, keeping the number and the place by issue time.
    `scope`: the agency of the petugas (None: the whole office), see core.scope."""
    target = office.settings.service(target_service) if isinstance(target_service, str) \
        else None
    if target is None:
        raise invalid("unknown_service", "Layanan tujuan pengalihan tidak dikenal.")

    def change(session: Session, ticket: Ticket, now: datetime, user: int | None) -> None:
        if ticket.service_code == target.code:
            raise invalid("same_service", "Tiket sudah berada di layanan tersebut.")
        here = office.settings.service(ticket.service_code)
        require(here is None or may_transfer(
            scope, here.agency, target.agency, office.settings.office.transfer_across_agencies),
            TRANSFER_MESSAGE)
        ticket.status = next_status(ticket.status, TicketAction.TRANSFER)
        queries.log_event(session, ticket, "transfer", now, ticket.counter_number, user,
                          detail=f"{ticket.service_code}->{target.code}")
        ticket.service_code = target.code
        ticket.counter_number = None
    return _apply(office, public_id, user_id, change)


def _simple(office: Office, public_id: str, user_id: int | None, action: TicketAction,
            event: str) -> TicketView:
    def change(session: Session, ticket: Ticket, now: datetime, user: int | None) -> None:
        ticket.status = next_status(ticket.status, action)
        queries.log_event(session, ticket, event, now, ticket.counter_number, user)
        if action is TicketAction.CANCEL:
            ticket.counter_number = None
    return _apply(office, public_id, user_id, change)


def _apply(office: Office, public_id: str, user_id: int | None, change: Change) -> TicketView:
    now = office.now()
    with office.transaction() as session:
        ticket = queries.ticket_by_public_id(session, public_id, lock=True)
        if ticket is None:
            raise not_found("ticket_not_found", "Tiket tidak ditemukan.")
        if ticket.counter_number is not None:  # only the loket's own petugas acts on it
            check_holder(session, office, queries.counter_state(session, ticket.counter_number),
                         user_id)
        changes = _touched_by(ticket)
        change(session, ticket, now, user_id)
        session.flush()
        changes.services.add(ticket.service_code)
        view = ticket_view(session, office, ticket)
        update = changes.update_event(session, office)
    office.publish([QueueEvent(EventKind.CHANGED, ticket=view), update])
    return view


def _touched_by(ticket: Ticket) -> ScreenChanges:
    """What a change to this ticket may move on the screens: its service's waiting count,
    the counter it stands at, and the recent calls if it was ever called."""
    return ScreenChanges(
        services={ticket.service_code},
        counters={ticket.counter_number} if ticket.counter_number is not None else set(),
        calls=ticket.called_at is not None,
    )
