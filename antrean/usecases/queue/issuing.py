"""Issuing a numbered ticket: hours, quota, atomic numbering."""

from __future__ import annotations

import secrets
from typing import Any

from antrean.core.errors import invalid, refused
from antrean.core.numbering import format_number
from antrean.core.ticket import Priority, TicketStatus
from antrean.db import queries, request_keys
from antrean.db.models import Ticket
from antrean.usecases.context import Office
from antrean.usecases.events import QueueEvent
from antrean.usecases.queue.screen_changes import ScreenChanges
from antrean.usecases.queue.service_status import closed_message
from antrean.usecases.queue.ticket_printing import print_status_view, printing_enabled, queue_print
from antrean.usecases.queue.ticket_view import ticket_view

CHANNELS = ("kiosk", "online", "counter")


def issue_ticket(office: Office, service_code: str, priority: Priority | None = None,
                 channel: str = "kiosk", print_base_url: str | None = None,
                 request_key: str | None = None) -> dict[str, Any]:
    """Issue a number; with `print_base_url` a paper copy is queued in the same transaction.

    A `request_key` is claimed in the same transaction: a concurrent request with the same
    key fails with IntegrityError (see issuing_once) and rolls back, numbering included.
    """
    service = office.settings.service(service_code)
    if service is None:
        raise invalid("unknown_service", f"Layanan '{service_code}' tidak dikenal.")
    if channel not in CHANNELS:
        raise invalid("invalid_channel", "Saluran pengambilan nomor tidak dikenal.")
    now = office.now()
    local_now = office.clock.local(now)
    if not service.issuing_hours.is_open(local_now):
        raise refused("service_closed", closed_message(service.name, service.issuing_hours,
                                                       local_now))
    local_day = local_now.date()
    changes = ScreenChanges(services={service.code})
    with office.transaction() as session:
        sequence = queries.next_sequence(session, service.code, local_day)
        changes.take_versions(session)  # before counting the queue below
        if service.daily_quota is not None and sequence > service.daily_quota:
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
            status=TicketStatus.WAITING.value,
            channel=channel,
            issued_at=now,
        )
        session.add(ticket)
        session.flush()
        if request_key:
            request_keys.claim_key(session, request_key, now, ticket.id)
        queries.log_event(session, ticket, "issue", now,
                          detail=priority.value if priority else None)
        ahead, waiting = queries.queue_position(session, ticket)
        view = ticket_view(session, office, ticket, ahead=ahead)
        job = None
        if print_base_url is not None and printing_enabled(office):
            job = queue_print(session, office, ticket, print_base_url)
            view["print_status"] = print_status_view(job)
        changes.issued[service.code], changes.waiting[service.code] = sequence, waiting
        update = changes.update_event(session, office)
    office.publish([QueueEvent("issued", ticket=view), update])
    if job is not None:
        office.print_dispatcher.submit(job.id)  # only after commit: the ticket always exists
    return view
