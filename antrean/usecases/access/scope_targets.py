"""The agency a request's target belongs to: a counter, a service, a ticket, an account.

Each answer is read in a transaction, so a live-edited set-up (a counter moved to another
agency a moment ago) is judged as it stands now. None: no such target; the use case that
acts on it then says so (404) in its own words.
"""

from __future__ import annotations

from antrean.core.access import Role
from antrean.db import queries
from antrean.db.models import User
from antrean.usecases.context import Office


def counter_agency(office: Office, number: int) -> str | None:
    with office.read_transaction():
        counter = office.settings.counter(number)
    return counter.agency if counter is not None else None


def service_agency(office: Office, code: str) -> str | None:
    with office.read_transaction():
        service = office.settings.service(code)
    return service.agency if service is not None else None


def ticket_agency(office: Office, public_id: str) -> str | None:
    """The agency of the service the ticket waits for now (after any transfer)."""
    with office.read_transaction() as session:
        ticket = queries.ticket_by_public_id(session, public_id)
        service = office.settings.service(ticket.service_code) if ticket is not None else None
    return service.agency if service is not None else None


def account_scope(office: Office, user_id: int) -> tuple[Role, str | None] | None:
    """The role and agency of an account; None: no such account."""
    with office.read_transaction() as session:
        user = session.get(User, user_id)
        return (user.role, user.agency) if user is not None else None
