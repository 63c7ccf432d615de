"""Access to the Office the app was built for."""

from __future__ import annotations

from flask import current_app

from antrean.usecases.context import Office

EXTENSION_KEY = "antrean.office"


def current_office() -> Office:
    office: Office = current_app.extensions[EXTENSION_KEY]
    return office
