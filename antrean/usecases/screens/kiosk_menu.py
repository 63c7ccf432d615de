"""What the ticket kiosk shows: services and why a closed one is closed, their public
standards, the priority categories and how long a ticket stays on screen."""

from __future__ import annotations

from typing import Any

from antrean.core.booking import CODE_ALPHABET
from antrean.core.kiosk_speech import (
    PHRASES,
    phrase,
    priority_speech,
    service_speech,
    ticket_speech,
)
from antrean.core.ticket import PRIORITY_LABELS, Priority
from antrean.usecases.context import Office
from antrean.usecases.feedback.public_notices import current_facilities, current_maklumat
from antrean.usecases.feedback.standards import service_standards
from antrean.usecases.queue.service_status import service_statuses
from antrean.usecases.queue.ticket_printing import printing_enabled
from antrean.usecases.screens.queue_snapshot import lookup_ticket


def kiosk_menu(office: Office) -> dict[str, Any]:
    settings = office.settings
    with office.transaction() as session:
        services = service_statuses(session, office)
    return {
        "office": {
            "name": settings.office.name,
            "address": settings.office.address,
            "timezone": settings.office.timezone,
            "zone_name": office.clock.zone_name,
        },
        "services": services,
        "standards": {standard["code"]: standard for standard in service_standards(office)},
        "priorities": [{"code": p.value, "label": PRIORITY_LABELS[p]} for p in Priority],
        "priority_needs_greeter": settings.priority.greeter_confirms,
        "facilities": list(current_facilities(office)),
        "maklumat": current_maklumat(office).text,
        "speech": kiosk_speech(office),
        "footer": list(settings.ticket.footer),
        "reset_seconds": settings.kiosk.reset_seconds,
        "printing": printing_enabled(office),
        # "Sudah punya booking?" only where some service takes bookings.
        "checkin": {"alphabet": CODE_ALPHABET}
        if any(service.booking for service in settings.services) else None,
    }


def kiosk_speech(office: Office) -> dict[str, Any]:
    """What each part of the kiosk says when read aloud on request (text and clips)."""
    return {
        "intro": phrase("kios-sambutan", "kios-cara").as_dict(),
        "phrases": {key: phrase(key).as_dict() for key in PHRASES},
        "services": {
            s.code: {"open": service_speech(s.code, s.name, True).as_dict(),
                     "closed": service_speech(s.code, s.name, False).as_dict()}
            for s in office.settings.services
        },
        "priorities": {p.value: priority_speech(p).as_dict() for p in Priority},
    }


def ticket_read_aloud(office: Office, public_id: str) -> dict[str, Any]:
    """An issued ticket read aloud: its number and the people ahead now."""
    ticket = lookup_ticket(office, public_id)
    return ticket_speech(ticket["number"], ticket.get("ahead"),
                         office.settings.office.number_reading).as_dict()
