"""Which agency (instansi) of an MPP a complaint is about: the one the citizen chose, or
else the one whose service prints the ticket number's prefix (prefixes are unique in the
building). A single office keeps complaints for the office as a whole (None)."""

from __future__ import annotations

from antrean.config import Settings
from antrean.core.complaints import ComplaintForm
from antrean.core.errors import invalid


def complaint_agency(settings: Settings, form: ComplaintForm) -> str | None:
    if not settings.has_agencies:
        return None
    if form.agency:
        if settings.agency(form.agency) is None:
            raise invalid("unknown_agency", "Pilih instansi dari daftar.")
        return form.agency
    if form.ticket_number:
        prefix = form.ticket_number.split("-")[0]
        service = next((s for s in settings.services if s.prefix == prefix), None)
        return service.agency if service else None
    return None
