"""The agencies (instansi) of a Mal Pelayanan Publik, added, changed and removed live.

`changes` are the keys of an [[agencies]] table as config.toml spells them. The first agency
added to a single office takes every service; from the second on, each service names its own.
"""

from __future__ import annotations

from typing import Any

from antrean.core.errors import DomainError, invalid, not_found
from antrean.core.scope import require, within
from antrean.core.setup_rules import refuse_removing_agency
from antrean.db import setup_store
from antrean.db.setup_agency_models import SetupAgency
from antrean.usecases.context import Office
from antrean.usecases.setup import media_library
from antrean.usecases.setup.change import SetupChange, setup_change
from antrean.usecases.setup.editing import merged_table

AGENCY_ADDED = "agency_added"
AGENCY_CHANGED = "agency_changed"
AGENCY_REMOVED = "agency_removed"


def save_agency(office: Office, code: str | None, changes: dict[str, Any],
                actor_id: int | None = None) -> dict[str, Any]:
    """Add an agency (code None: the `code` in changes) or change one; returns its table."""
    with setup_change(office) as change:
        if code is None:
            table = merged_table({}, changes)
            _name_the_only_agency(change)
            row = SetupAgency(code=str(table.get("code", "")), definition=setup_store.encode(table),
                              position=setup_store.next_agency_position(change.session))
            change.stored.agencies.append(row)
            before = None
        else:
            row = _agency_row(change, code)
            before = setup_store.definition(row)
            if "code" in changes and changes["code"] != code:
                raise invalid("code_fixed", "Kode: kode instansi tidak dapat diubah (layanan, "
                              "loket dan laporan memakainya).")
            table = merged_table(before, changes)
            row.definition = setup_store.encode(table)
        settings = change.check()
        if before is None:
            change.session.add(row)
        # Kiosk buttons and TV labels name the agency: their services are sent again.
        change.services.update(s.code for s in settings.services_of(row.code))
        change.record(AGENCY_ADDED if before is None else AGENCY_CHANGED, row.code, before,
                      table, actor_id)
    return table


def upload_agency_logo(office: Office, code: str, filename: str, data: bytes,
                       actor_id: int | None = None, scope: str | None = None) -> str:
    """Upload an image (the media library's upload, not played on the TVs) and make it the
    agency's logo; returns its media name. An agency admin (`scope`) does this for its own
    agency only. A logo the agency then refuses is not left behind in the library."""
    require(within(scope, code))
    with office.read_transaction():
        known = office.settings.agency(code) is not None
    if not known:
        raise not_found("unknown_agency", f"Instansi '{code[:32]}' tidak dikenal.")
    entry = media_library.upload_media(office, filename, data, active=False,
                                       actor_id=actor_id, logo=True)
    try:
        save_agency(office, code, {"logo": entry.name}, actor_id)
    except DomainError:
        media_library.remove_media(office, entry.name, actor_id)
        raise
    return entry.name


def remove_agency(office: Office, code: str, actor_id: int | None = None) -> None:
    with setup_change(office) as change:
        row = _agency_row(change, code)
        before = setup_store.definition(row)
        current = change.check()
        agency = current.agency(code)
        refuse_removing_agency(agency.short_name if agency else code,
                               [s.name for s in current.services_of(code)])
        change.stored.agencies.remove(row)
        change.session.delete(row)
        change.check()  # a zone in config.toml may still name it
        change.record(AGENCY_REMOVED, code, before, None, actor_id)


def _name_the_only_agency(change: SetupChange) -> None:
    """With one agency a service may leave its agency out; with two it may not, so the
    services of the one there is now name it before the second comes."""
    if len(change.stored.agencies) != 1:
        return
    only = change.stored.agencies[0].code
    for row in change.stored.services:
        table = setup_store.definition(row)
        if "agency" not in table:
            row.definition = setup_store.encode({**table, "agency": only})
            change.services.add(row.code)


def _agency_row(change: SetupChange, code: str) -> SetupAgency:
    row = next((row for row in change.stored.agencies if row.code == code), None)
    if row is None:
        raise not_found("unknown_agency", f"Instansi '{code}' tidak dikenal.")
    return row
