"""Access to the Office the app was built for."""

from __future__ import annotations

from datetime import date

from flask import current_app

from antrean.usecases.context import Office
from antrean.web.paths import app_url

EXTENSION_KEY = "antrean.office"


def current_office() -> Office:
    office: Office = current_app.extensions[EXTENSION_KEY]
    return office


def office_today() -> date:
    """Today on the office's own calendar, the default end of every report period."""
    office = current_office()
    return office.clock.local_day(office.now())


def public_base_url() -> str:
    """Where phones reach this office: configured (with the mount prefix, if any), or the
    address the kiosk used, under the prefix the app is mounted at."""
    return current_office().settings.server.public_url or app_url("")
