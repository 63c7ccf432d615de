"""The public shape of a ticket, as the API, the screens and the printer see it."""

from __future__ import annotations

import math
from typing import cast

from sqlalchemy.orm import Session

from antrean.core.priority_check import PRIORITY_CHECK_LABELS, PriorityCheck
from antrean.core.ticket import STATUS_LABELS, priority_label
from antrean.db import queries
from antrean.db.models import Ticket
from antrean.usecases.context import Office
from antrean.usecases.shapes import TicketView


def estimate_wait_seconds(session: Session, office: Office, service_code: str,
                          ahead: int) -> int:
    """People ahead x mean service time / open counters serving the service."""
    service = office.settings.service(service_code)
    assert service is not None
    today = office.clock.local_day(office.now())
    mean = queries.mean_service_seconds(session, service_code, today)
    if mean is None:
        mean = service.average_service_minutes * 60
    open_now = queries.open_counters(session)
    open_counters = sum(1 for counter in office.settings.counters
                        if service_code in counter.services and counter.number in open_now)
    return int(math.ceil(ahead * mean / max(open_counters, 1)))


def service_name(office: Office, code: str) -> str:
    """The service's name, or its code once the service has left the configuration."""
    service = office.settings.service(code)
    return service.name if service else code


def agency_name(office: Office, service_code: str) -> str | None:
    """In a Mal Pelayanan Publik, the short name of the service's instansi: a ticket says
    whose it is ("Disdukcapil — KTP-el"); a single office's tickets stay as they were."""
    settings = office.settings
    service = settings.service(service_code)
    agency = settings.agency(service.agency) if service and settings.has_agencies else None
    return agency.short_name if agency else None


def wait_label(ahead: int, seconds: int) -> str:
    """How the wait reads on paper and on screens: "± 20 menit" or "Segera dilayani"."""
    minutes = max(1, round(seconds / 60)) if ahead else 0
    return f"± {minutes} menit" if minutes else "Segera dilayani"


def screen_ticket(view: TicketView) -> TicketView:
    """A ticket as screens and public answers show it: without its id, which is the holder's
    secret (it opens the tracking page and the survey)."""
    shown = dict(view)
    shown.pop("id", None)
    return cast(TicketView, shown)


def ahead_label(ahead: int) -> str:
    """People ahead as a ticket and the tracking page say it: "4 orang" or "Tidak ada"."""
    return f"{ahead} orang" if ahead else "Tidak ada"


def ahead_note(ahead: int) -> str:
    """People ahead as "giliran Anda sudah dekat" says it: "Anda berikutnya", "3 orang lagi"."""
    return f"{ahead} orang lagi" if ahead else "Anda berikutnya"


def ticket_view(session: Session, office: Office, ticket: Ticket,
                with_position: bool = True, ahead: int | None = None) -> TicketView:
    """`ahead`: people ahead, when the caller has just counted them."""
    status = ticket.status
    if ahead is None:
        ahead = queries.count_ahead(session, ticket) if with_position else 0
    waiting = with_position and ticket.status in ("waiting", "transferred")
    wait = estimate_wait_seconds(session, office, ticket.service_code, ahead) if waiting else 0
    return {
        "id": ticket.public_id,
        "number": ticket.number,
        "service": ticket.service_code,
        "service_name": service_name(office, ticket.service_code),
        "agency_name": agency_name(office, ticket.service_code),
        "origin_service": ticket.origin_service_code,
        "status": status.value,
        "status_label": STATUS_LABELS[status],
        "priority": ticket.priority,
        "priority_label": priority_label(ticket.priority),
        "priority_check": ticket.priority_check,
        "priority_check_label": (PRIORITY_CHECK_LABELS[PriorityCheck(ticket.priority_check)]
                                 if ticket.priority_check else None),
        "channel": ticket.channel,
        "issued_at": ticket.issued_at.isoformat(),
        "called_at": ticket.called_at.isoformat() if ticket.called_at else None,
        "started_at": ticket.started_at.isoformat() if ticket.started_at else None,
        "finished_at": ticket.finished_at.isoformat() if ticket.finished_at else None,
        "counter": ticket.counter_number,
        "counter_name": (office.settings.counter_voice(ticket.counter_number).display
                         if ticket.counter_number else None),
        "ahead": ahead,
        "ahead_label": ahead_label(ahead),
        "ahead_note": ahead_note(ahead) if waiting else None,
        "estimated_wait_seconds": wait,
        "estimated_wait_label": wait_label(ahead, wait) if waiting else None,
    }
