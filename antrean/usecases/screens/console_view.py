"""What the counter console shows: its loket, its ticket, its queue and what may be done now.

The buttons of the console are enabled from `actions` here, never from rules in the page: the
same ticket transitions that the use cases enforce decide what is offered. The view is sent as
JSON (/console/state.json, and embedded in the page on load); console.js reads the shapes below.
"""

from __future__ import annotations

from typing import TypedDict

from antrean.config import CounterSettings
from antrean.core.errors import DomainError
from antrean.core.priority_check import PriorityCheck, can_decide
from antrean.core.scope import may_transfer, within
from antrean.core.ticket import (
    STATUS_LABELS,
    TicketAction,
    TicketStatus,
    next_status,
    priority_label,
)
from antrean.db import event_counts, queries
from antrean.db.models import Ticket
from antrean.usecases.context import Office
from antrean.usecases.queue.calling import find_counter
from antrean.usecases.queue.counter_view import counter_view
from antrean.usecases.queue.ticket_printing import printing_enabled
from antrean.usecases.queue.ticket_view import service_name, ticket_view
from antrean.usecases.shapes import CounterView, TicketView

WAITING_SHOWN = 30
SKIPPED_SHOWN = 20


class ConsoleActions(TypedDict):
    """Which console buttons do something right now. The first six perform the ticket
    transition of their name on the counter's current ticket."""

    recall: bool
    start: bool
    finish: bool
    skip: bool
    no_show: bool
    transfer: bool
    call: bool
    pause: bool
    open: bool
    reprint: bool
    check_priority: bool  # the petugas who called a priority ticket confirms or removes it


class QueuedTicket(TypedDict):
    """A ticket in the console's lists: waiting, or skipped at this loket."""

    number: str
    service: str
    service_name: str
    status: str
    status_label: str
    priority: str | None
    priority_label: str | None
    priority_check: str | None
    issued_at: str
    issued_time: str


class CallableActions(TypedDict):
    call_ticket: bool
    confirm_priority: bool  # a greeter confirms a priority claimed at the kiosk


class CallableTicket(QueuedTicket):
    """A waiting ticket the petugas may call out of turn, with a reason for the audit log."""

    id: str
    actions: CallableActions


class SkippedActions(TypedDict):
    requeue: bool
    no_show: bool


class SkippedTicket(QueuedTicket):
    """A ticket skipped at this loket today, which may go back to the queue."""

    id: str
    called_time: str
    actions: SkippedActions


class TransferTarget(TypedDict):
    code: str
    name: str


class ConsoleView(TypedDict):
    """The whole console of one loket."""

    server_time: str
    zone_name: str
    counter: CounterView
    current: TicketView | None
    waiting: list[CallableTicket]
    waiting_total: int
    waiting_more_label: str | None  # "… dan 12 nomor lagi": the queue beyond the list shown
    priority_waiting: int
    served_today: int
    served_today_by_me: int
    skipped: list[SkippedTicket]
    actions: ConsoleActions
    transfer_targets: list[TransferTarget]
    booking_services: list[str]  # the counter's services that take bookings


def allowed_actions(counter_state: str, current_status: TicketStatus | None, waiting: int,
                    can_print: bool) -> ConsoleActions:
    """Which console buttons do something right now; check_priority is decided with the
    ticket itself (console_view)."""

    def can(action: TicketAction) -> bool:
        return current_status is not None and _fits(current_status, action)

    return {
        "recall": can(TicketAction.RECALL),
        "start": can(TicketAction.START),
        "finish": can(TicketAction.FINISH),
        "skip": can(TicketAction.SKIP),
        "no_show": can(TicketAction.NO_SHOW),
        "transfer": can(TicketAction.TRANSFER),
        "call": waiting > 0,
        "pause": counter_state == "open",
        "open": counter_state != "open",
        "reprint": current_status is not None and can_print,
        "check_priority": False,
    }


def _fits(status: TicketStatus, action: TicketAction) -> bool:
    try:
        next_status(status, action)
    except DomainError:
        return False
    return True


def console_view(office: Office, counter_number: int, user_id: int | None = None,
                 scope: str | None = None) -> ConsoleView:
    """The whole console of one loket, as the page renders it; `user_id`: who sits there,
    `scope`: their agency (None: the whole office), which bounds where tickets go."""
    counter = find_counter(office, counter_number)
    now = office.now()
    day = office.clock.local_day(now)
    with office.transaction() as session:
        state = queries.counter_states(session).get(counter.number)
        current = queries.current_ticket_at(session, counter.number)
        waiting = queries.waiting_tickets(session, counter.services, day)
        served = queries.served_today_by_counter(session, counter.number, day)
        served_by_me = event_counts.finished_by_user(session, user_id, day) \
            if user_id is not None else 0
        current_view = (ticket_view(session, office, current, with_position=False)
                        if current else None)
        waiting_views = [_callable_row(office, ticket) for ticket in waiting[:WAITING_SHOWN]]
        skipped = [_skipped_row(office, ticket)
                   for ticket in queries.skipped_at_counter(session, counter.number, day,
                                                            SKIPPED_SHOWN)]
    info = counter_view(counter, state)
    status = TicketStatus(current_view["status"]) if current_view else None
    actions = allowed_actions(info["state"], status, len(waiting), printing_enabled(office))
    # The petugas who called a priority ticket confirms or removes its priority.
    actions["check_priority"] = current_view is not None and status is not None and can_decide(
        current_view["priority"], status, current_view["priority_check"])
    return {
        "server_time": now.isoformat(),
        "zone_name": office.clock.zone_name,
        "counter": info,
        "current": current_view,
        "waiting": waiting_views,
        "waiting_total": len(waiting),
        "waiting_more_label": _more_label(len(waiting) - len(waiting_views)),
        "priority_waiting": sum(1 for ticket in waiting if ticket.priority),
        "served_today": served,
        "served_today_by_me": served_by_me,
        "skipped": skipped,
        "actions": actions,
        "transfer_targets": _transfer_targets(office, current_view, scope),
        "booking_services": [code for code in counter.services
                             if (service := office.settings.service(code)) and service.booking],
    }


def _more_label(more: int) -> str | None:
    return f"… dan {more} nomor lagi" if more > 0 else None


def _waiting_row(office: Office, ticket: Ticket) -> QueuedTicket:
    return {
        "number": ticket.number,
        "service": ticket.service_code,
        "service_name": service_name(office, ticket.service_code),
        "status": ticket.status,
        "status_label": STATUS_LABELS[ticket.status],
        "priority": ticket.priority,
        "priority_label": priority_label(ticket.priority),
        "priority_check": ticket.priority_check,
        "issued_at": ticket.issued_at.isoformat(),
        "issued_time": office.clock.format_time(ticket.issued_at),
    }


def _callable_row(office: Office, ticket: Ticket) -> CallableTicket:
    """A waiting ticket the petugas may call out of turn, with a reason for the audit log."""
    return {
        **_waiting_row(office, ticket),
        "id": ticket.public_id,
        "actions": {"call_ticket": _fits(ticket.status, TicketAction.CALL),
                    # A greeter confirms a priority claimed at the kiosk before it is called.
                    "confirm_priority": ticket.priority_check == PriorityCheck.PENDING},
    }


def _skipped_row(office: Office, ticket: Ticket) -> SkippedTicket:
    status = ticket.status
    return {
        **_waiting_row(office, ticket),
        "id": ticket.public_id,
        "called_time": office.clock.format_time(ticket.called_at) if ticket.called_at else "",
        "actions": {"requeue": _fits(status, TicketAction.REQUEUE),
                    "no_show": _fits(status, TicketAction.NO_SHOW)},
    }


def _transfer_targets(office: Office, current: TicketView | None,
                      scope: str | None) -> list[TransferTarget]:
    """The services the current ticket may go to (core.scope.may_transfer says which)."""
    settings = office.settings
    here = settings.service(current["service"]) if current else None
    return [{"code": service.code, "name": service.name}
            for service in settings.services
            if here is None or (service.code != here.code and may_transfer(
                scope, here.agency, service.agency, settings.office.transfer_across_agencies))]


def counter_choices(office: Office, scope: str | None = None) -> list[CounterSettings]:
    """The loket a petugas may sit at: every counter, or those of their agency (`scope`)."""
    return [counter for counter in office.settings.counters if within(scope, counter.agency)]
