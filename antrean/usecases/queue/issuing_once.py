"""Issuing with an idempotency key: a double tap or a retried request gets ONE ticket."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError

from antrean.core.errors import DomainError, conflict, invalid
from antrean.core.ticket import Priority
from antrean.db import request_keys
from antrean.usecases.context import Office
from antrean.usecases.queue.issuing import issue_ticket
from antrean.usecases.queue.ticket_printing import latest_print_status
from antrean.usecases.queue.ticket_view import ticket_view
from antrean.usecases.shapes import TicketView

_KEY_PATTERN = re.compile(r"[A-Za-z0-9_-]{8,64}")


@dataclass(frozen=True)
class IssueResult:
    ticket: TicketView
    created: bool  # False: the key was seen before and this is the ticket it issued


def parse_request_key(value: object) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str) or not _KEY_PATTERN.fullmatch(value):
        raise invalid("invalid_request_key",
                      "request_key harus 8-64 karakter huruf, angka, '-' atau '_'.")
    return value


def issue_once(office: Office, request_key: str | None, service_code: str,
               priority: Priority | None = None, channel: str = "kiosk",
               print_base_url: str | None = None,
               issued_by_staff: int | None = None,
               kiosk_device: int | None = None) -> IssueResult:
    """Issue a ticket, unless a request with the same key already did: then return that one."""
    def issue(key: str | None) -> TicketView:
        return issue_ticket(office, service_code, priority, channel, print_base_url, key,
                            issued_by_staff=issued_by_staff, kiosk_device=kiosk_device)

    if request_key is None:
        return IssueResult(issue(None), created=True)
    try:
        view = issue(request_key)
    except (IntegrityError, DomainError) as refusal:
        # The key was claimed before (a retry, a double tap, maybe after closing time or once
        # the quota ran out) or by a concurrent request that committed first; this one rolled
        # back and used no number. Claiming first and replaying on refusal spares every first
        # request a lookup.
        earlier = _replay(office, request_key, service_code)
        if earlier is None:
            raise refusal from None
        return IssueResult(earlier, created=False)
    return IssueResult(view, created=True)


def _replay(office: Office, request_key: str, service_code: str) -> TicketView | None:
    with office.read_transaction() as session:
        ticket = request_keys.ticket_for_key(session, request_key)
        if ticket is None:
            return None
        if ticket.origin_service_code != service_code:
            raise conflict("request_key_reused",
                           "Kunci permintaan ini sudah dipakai untuk layanan lain.")
        view = ticket_view(session, office, ticket)
        print_status = latest_print_status(session, ticket)
        if print_status is not None:
            view["print_status"] = print_status
        return view
