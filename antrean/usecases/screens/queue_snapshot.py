"""The whole office at a glance: what every screen rebuilds itself from."""

from __future__ import annotations

from sqlalchemy.orm import Session

from antrean.core.clock import format_long_date
from antrean.core.errors import not_found
from antrean.db import queries, screen_versions
from antrean.usecases.context import Office
from antrean.usecases.queue.screen_pieces import counter_entries, read_running_text, recent_calls
from antrean.usecases.queue.service_status import service_statuses
from antrean.usecases.queue.ticket_view import ticket_view
from antrean.usecases.shapes import QueueSnapshot, TicketView


def queue_snapshot(office: Office) -> QueueSnapshot:
    with office.read_transaction() as session:
        return build_snapshot(session, office)


def build_snapshot(session: Session, office: Office) -> QueueSnapshot:
    """A fixed number of queries, whatever the number of counters and services.

    The versions are read first: every piece read after them is at least that new, so an
    update event a screen receives later is applied exactly when it is newer.
    """
    versions = screen_versions.all_versions(session)
    now = office.now()
    day = office.clock.local_day(now)
    return {
        "office": {
            "name": office.settings.office.name,
            "timezone": office.settings.office.timezone,
            "zone_name": office.clock.zone_name,
            "date_label": format_long_date(day),
            "counter_word": office.settings.office.counter_word,
        },
        "server_time": now.isoformat(),
        "local_day": day.isoformat(),
        "versions": versions,
        "services": service_statuses(session, office),
        "counters": counter_entries(session, office),
        "recent_calls": recent_calls(session, office, day),
        "running_text": read_running_text(session, office),
        "zone": None,  # the whole office (a zoned TV's cut: queue.zone_pieces)
    }


def lookup_ticket(office: Office, public_id: str) -> TicketView:
    with office.read_transaction() as session:
        ticket = queries.ticket_by_public_id(session, public_id)
        if ticket is None:
            raise not_found("ticket_not_found", "Tiket tidak ditemukan.")
        return ticket_view(session, office, ticket)
