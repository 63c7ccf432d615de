"""Access to the Office the app was built for."""

from __future__ import annotations

from datetime import date

from flask import current_app, request

from antrean.usecases.context import Office

EXTENSION_KEY = "antrean.office"


def current_office() -> Office:
    office: Office = current_app.extensions[EXTENSION_KEY]
    return office


def office_today() -> date:
    """Today on the office's own calendar, the default end of every report period."""
    office = current_office()
    return office.clock.local_day(office.now())


def public_base_url() -> str:
    """Where phones reach this office: configured, or the address the kiosk used."""
    return current_office().settings.server.public_url or request.host_url.rstrip("/")
