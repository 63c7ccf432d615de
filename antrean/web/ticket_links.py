"""Where a ticket's QR code sends phones, and who may print a ticket at the kiosk.

The host never comes from the request: anyone can send a forged `Host` header, and a real
ticket would then carry a phishing link.
"""

from __future__ import annotations

from antrean.core.access import Role
from antrean.usecases.access.devices import device_public_url
from antrean.web.auth import STAFF, current_principal
from antrean.web.office import current_office


def ticket_link_base() -> str:
    """[server] public_url, else the asking kiosk device's own address; "" when neither is
    set (the ticket then prints without a QR code, a booking notice goes without a link).
    Never the request's Host header: a forged one would put a phishing link on paper or in a
    WhatsApp message the office's own gateway sends."""
    office = current_office()
    if office.settings.server.public_url:
        return office.settings.server.public_url
    principal = current_principal()
    if principal is not None and principal.device_id is not None:
        return device_public_url(office, principal.device_id)
    return ""


def may_print_at_kiosk() -> bool:
    """A paired kiosk prints its tickets (staff may too); an anonymous request never does."""
    principal = current_principal()
    return principal is not None and (principal.role is Role.KIOSK or principal.role in STAFF)
