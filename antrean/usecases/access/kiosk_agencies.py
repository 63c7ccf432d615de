"""A kiosk device bound to some agencies of a Mal Pelayanan Publik: chosen when it is paired,
changed by an admin afterwards, and checked on every number it issues."""

from __future__ import annotations

from sqlalchemy.orm import Session

from antrean.core.access import Role
from antrean.core.errors import invalid, not_found
from antrean.core.kiosk_agencies import parse_kiosk_agencies, shown_agencies
from antrean.db import device_queries
from antrean.db.device_models import Device
from antrean.usecases.access import audit
from antrean.usecases.context import Office

KIOSK_AGENCIES_CHANGED = "kiosk_agencies_changed"


def chosen_agencies(office: Office, value: object) -> list[str] | None:
    """The agencies an admin picked for a kiosk, checked against the building's."""
    with office.read_transaction():  # the set-up as the database holds it now
        known = [a.code for a in office.settings.agencies]
    chosen = parse_kiosk_agencies(value, known)
    return list(chosen) if chosen is not None else None


def set_kiosk_agencies(office: Office, device_id: int, value: object,
                       actor_id: int | None = None) -> list[str] | None:
    agencies = chosen_agencies(office, value)
    with office.transaction() as session:
        device = session.get(Device, device_id)
        if device is None or device.revoked_at is not None:
            raise not_found("unknown_device", "Perangkat tidak ditemukan.")
        if device.role != Role.KIOSK:
            raise invalid("not_a_kiosk", "Instansi hanya dapat dipilih untuk kios.")
        before, device.agencies = device.agencies, agencies
        audit.record(session, office, KIOSK_AGENCIES_CHANGED, actor_id,
                     target=f"device:{device.id}",
                     detail=f"{', '.join(before or ['semua'])} -> "
                            f"{', '.join(agencies or ['semua'])}")
    return agencies


def kiosk_shows(office: Office, device_id: int | None) -> tuple[str, ...] | None:
    """The agencies a kiosk offers; None: no agency step at all (a single office)."""
    with office.read_transaction() as session:
        return agencies_at(session, office, device_id)


def agencies_at(session: Session, office: Office, device_id: int | None) -> tuple[str, ...] | None:
    """In the caller's transaction (issuing checks it with the number it takes)."""
    settings = office.settings
    if not settings.has_agencies:
        return None
    chosen = device_queries.agencies_of(session, device_id) if device_id is not None else None
    return shown_agencies((a.code for a in settings.agencies), chosen)
