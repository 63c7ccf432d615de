"""A loket that is removed, or stops serving a service, hands its current ticket back."""

from __future__ import annotations

from collections.abc import Sequence

from antrean.core.setup_rules import hands_back
from antrean.core.ticket import TicketAction, next_status
from antrean.db import queries
from antrean.usecases.events import EventKind, QueueEvent
from antrean.usecases.queue.ticket_view import ticket_view
from antrean.usecases.setup.change import SetupChange


def hand_back_from(change: SetupChange, counter_number: int,
                   kept_services: Sequence[str] | None, actor_id: int | None) -> None:
    """The ticket called or served at the loket returns to its queue at its old place (its
    issue time), for another loket to call; the citizen's phone says it waits again."""
    ticket = queries.current_ticket_at(change.session, counter_number, lock=True)
    if ticket is None or not hands_back(ticket.service_code, kept_services):
        return
    ticket.status = next_status(ticket.status, TicketAction.HAND_BACK)
    queries.log_event(change.session, ticket, "hand_back", change.office.now(), counter_number,
                      actor_id)
    ticket.counter_number = None
    change.session.flush()
    change.services.add(ticket.service_code)
    change.calls = True
    view = ticket_view(change.session, change.office, ticket)
    change.events.append(QueueEvent(EventKind.CHANGED, ticket=view))
