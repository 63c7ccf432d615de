"""What the ticket kiosk shows: services and why a closed one is closed, their public
standards, the priority categories and how long a ticket stays on screen."""

from __future__ import annotations

from typing import Any

from antrean.core.ticket import PRIORITY_LABELS, Priority
from antrean.usecases.context import Office
from antrean.usecases.feedback.public_notices import current_facilities
from antrean.usecases.feedback.standards import service_standards
from antrean.usecases.queue.service_status import service_statuses
from antrean.usecases.queue.ticket_printing import printing_enabled


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
        "facilities": list(current_facilities(office)),
        "footer": list(settings.ticket.footer),
        "reset_seconds": settings.kiosk.reset_seconds,
        "printing": printing_enabled(office),
    }
