"""A citizen following one ticket from a phone: its state and nothing about anyone else."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from antrean.core.errors import not_found
from antrean.db import queries
from antrean.usecases.booking.views import near_thresholds
from antrean.usecases.context import Office
from antrean.usecases.queue.ticket_printing import tracking_url
from antrean.usecases.screens.queue_snapshot import lookup_ticket


def tracking_page(office: Office, public_id: str) -> dict[str, Any]:
    """The ticket as the tracking page first draws it; unknown ids are a 404."""
    ticket = lookup_ticket(office, public_id)
    issued_at = datetime.fromisoformat(ticket["issued_at"])
    return {
        "ticket": ticket,
        "issued_label": f"{office.clock.format_date(issued_at)}, "
                        f"pukul {office.clock.format_time(issued_at)}",
        "near": near_thresholds(office, ticket["service"]),
        "office": {
            "name": office.settings.office.name,
            "counter_word": office.settings.office.counter_word,
            "timezone": office.settings.office.timezone,
            "zone_name": office.clock.zone_name,
        },
    }


def tracking_link(office: Office, public_id: str, base_url: str) -> str:
    """The URL a ticket's QR code carries; only for tickets that exist."""
    with office.transaction() as session:
        if queries.ticket_by_public_id(session, public_id) is None:
            raise not_found("ticket_not_found", "Tiket tidak ditemukan.")
    return tracking_url(base_url, public_id)
