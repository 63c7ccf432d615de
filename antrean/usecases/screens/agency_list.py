"""The agencies a kiosk or phone shows: code, names and logo, in the building's order."""

from __future__ import annotations

from typing import Any

from antrean.usecases.context import Office


def public_agencies(office: Office) -> list[dict[str, Any]]:
    """Empty for a single office: its one implicit agency is never shown."""
    with office.read_transaction():  # the set-up as the database holds it now
        settings = office.settings
    if not settings.has_agencies:
        return []
    return [{"code": a.code, "name": a.name, "short_name": a.short_name, "logo": a.logo}
            for a in settings.agencies]
