"""What the ticket kiosk shows: services and why a closed one is closed, their public
standards, the priority categories and how long a ticket stays on screen.

The menu is embedded in the kiosk page as JSON (and its agency step sent again by
/kiosk/agencies); kiosk.js reads the shapes below."""

from __future__ import annotations

from typing import Any, TypedDict

from antrean.core.booking import CODE_ALPHABET
from antrean.core.kiosk_speech import (
    PHRASES,
    SpokenText,
    agency_speech,
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
from antrean.usecases.shapes import ServiceStatus


class KioskAgency(TypedDict):
    """An agency's button on an MPP's kiosk."""

    code: str
    name: str
    short_name: str
    logo: str  # an image in the media folder; empty: the short name only


class KioskAgencies(TypedDict):
    """The agency step of an MPP's kiosk (a single office: no step, no agencies)."""

    agency_step: bool
    agencies: list[KioskAgency]
    agency_search: bool  # enough agencies to need a search box
    agency_speech: dict[str, SpokenText]  # by agency code


class KioskOffice(TypedDict):
    name: str
    address: str
    timezone: str
    zone_name: str


class PriorityChoice(TypedDict):
    code: str  # a Priority value
    label: str


class ServiceSpeech(TypedDict):
    open: SpokenText
    closed: SpokenText


class KioskSpeech(TypedDict):
    """What each part of the kiosk says when read aloud."""

    intro: SpokenText
    phrases: dict[str, SpokenText]  # by clip key, "kios-batal"
    services: dict[str, ServiceSpeech]  # by service code
    priorities: dict[str, SpokenText]  # by Priority value


class BookingCheckin(TypedDict):
    alphabet: str  # the letters a booking code is made of, for the on-screen keypad


class KioskMenu(KioskAgencies):
    """Everything the kiosk page draws."""

    office: KioskOffice
    services: list[ServiceStatus]
    # feedback.standards' view of each service's published standard, by service code; that
    # module still builds it as an untyped dict.
    standards: dict[str, dict[str, Any]]
    priorities: list[PriorityChoice]
    priority_needs_greeter: bool
    facilities: list[str]
    maklumat: str
    speech: KioskSpeech
    footer: list[str]
    reset_seconds: int
    printing: bool
    checkin: BookingCheckin | None  # None: no service takes bookings


def kiosk_menu(office: Office, agencies: tuple[str, ...] | None = None) -> KioskMenu:
    """`agencies`: those this kiosk offers (kiosk_agencies.kiosk_shows); None: a single
    office, with no agency step."""
    with office.transaction() as session:
        services = service_statuses(session, office)
    settings = office.settings  # as the transaction above brought it up to date
    return {
        **kiosk_agencies(office, agencies),
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


SEARCH_FROM = 9  # a search box once a kiosk offers this many agencies


def kiosk_agencies(office: Office, agencies: tuple[str, ...] | None) -> KioskAgencies:
    """The agency step of an MPP's kiosk: the agencies it offers (logo, short name), their
    spoken names, and whether there are enough of them to need a search box."""
    offered = [a for a in office.settings.agencies if a.code in (agencies or ())]
    return {
        "agency_step": agencies is not None,
        "agencies": [{"code": a.code, "name": a.name, "short_name": a.short_name,
                      "logo": a.logo} for a in offered],
        "agency_search": len(offered) >= SEARCH_FROM,
        "agency_speech": {a.code: agency_speech(a.code, a.short_name).as_dict()
                          for a in offered},
    }


def kiosk_speech(office: Office) -> KioskSpeech:
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


def ticket_read_aloud(office: Office, public_id: str) -> SpokenText:
    """An issued ticket read aloud: its number and the people ahead now."""
    ticket = lookup_ticket(office, public_id)
    return ticket_speech(ticket["number"], ticket.get("ahead"),
                         office.settings.office.number_reading).as_dict()
