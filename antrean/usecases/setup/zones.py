"""Lobby zones edited while the office runs: which loket each group of TVs shows and speaks.

`changes` are the keys of a [[zones]] table as config.toml spells them (code, name, counters,
agencies, running_text); None or "" removes an optional key. Every change goes through
SetupChange, so the config's own rules check it and every screen takes a fresh snapshot.
"""

from __future__ import annotations

from typing import Any

from antrean.core.errors import conflict, invalid, not_found
from antrean.db import device_queries, setup_store
from antrean.db.zone_models import SetupZone
from antrean.usecases.context import Office
from antrean.usecases.setup.change import SetupChange, setup_change

ZONE_ADDED = "zone_added"
ZONE_CHANGED = "zone_changed"
ZONE_REMOVED = "zone_removed"


def save_zone(office: Office, code: str | None, changes: dict[str, Any],
              actor_id: int | None = None) -> dict[str, Any]:
    """Add a zone (code None: the `code` in changes) or change one; returns its table."""
    with setup_change(office) as change:
        if code is None:
            table = _merged({}, changes)
            row = SetupZone(code=str(table.get("code", "")),
                            position=setup_store.next_position(change.session, SetupZone),
                            definition="")
            if _find(change, row.code) is not None:
                raise invalid("zone_exists", f"Kode: zona '{row.code}' sudah ada.")
            change.stored.zones.append(row)
            before = None
        else:
            row = _zone_row(change, code)
            before = setup_store.definition(row)
            if "code" in changes and changes["code"] != code:
                raise invalid("code_fixed", "Kode: kode zona tidak dapat diubah (layar TV "
                              "memakainya); buat zona baru bila perlu.")
            table = _merged(before, changes)
        if not table.get("counters") and not table.get("agencies"):
            raise invalid("zone_empty", "Pilih paling sedikit satu loket atau instansi untuk "
                          "zona ini.")
        row.definition = setup_store.encode(table)
        change.check()
        if before is None:
            change.session.add(row)
        change.record(ZONE_ADDED if before is None else ZONE_CHANGED, f"zona {row.code}",
                      before, table, actor_id)
    return table


def remove_zone(office: Office, code: str, actor_id: int | None = None) -> None:
    """Refused while a TV is bound to the zone: unbinding it silently would make a TV in
    one hall announce every call of the building. The admin moves those TVs first."""
    with setup_change(office) as change:
        row = _zone_row(change, code)
        bound = device_queries.live_devices_in_zone(change.session, code)
        if bound:
            names = ", ".join(device.name for device in bound)
            raise conflict("zone_in_use", f"Zona {setup_store.definition(row)['name']} masih "
                           f"dipakai layar TV: {names}. Pindahkan layar itu ke zona lain (atau "
                           "ke seluruh kantor) di menu Perangkat, lalu hapus zonanya.")
        before = setup_store.definition(row)
        change.stored.zones.remove(row)
        change.check()
        change.session.delete(row)
        change.record(ZONE_REMOVED, f"zona {code}", before, None, actor_id)


def drop_counter(change: SetupChange, number: int) -> None:
    """A loket that is removed leaves the zones that list it; a zone it alone made up is
    refused, with the zone named, rather than left empty."""
    for row in change.stored.zones:
        table = setup_store.definition(row)
        if number not in table.get("counters", []):
            continue
        table["counters"] = [n for n in table["counters"] if n != number]
        if not table["counters"] and not table.get("agencies"):
            raise conflict("counter_alone_in_zone", f"Loket {number} adalah satu-satunya loket "
                           f"zona {table.get('name', row.code)}; ubah atau hapus zona itu dulu.")
        if not table["counters"]:
            del table["counters"]
        row.definition = setup_store.encode(table)


def zone_tables(office: Office) -> list[dict[str, Any]]:
    """The stored zones as config.toml spells them, in their order."""
    with office.read_transaction() as session:
        return setup_store.load(session).zone_tables()


def _merged(before: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    table = dict(before)
    for key, value in changes.items():
        if value is None or value == "" or value == []:
            table.pop(key, None)
        else:
            table[key] = value
    return table


def _find(change: SetupChange, code: str) -> SetupZone | None:
    return next((row for row in change.stored.zones if row.code == code), None)


def _zone_row(change: SetupChange, code: str) -> SetupZone:
    row = _find(change, code)
    if row is None:
        raise not_found("unknown_zone", f"Zona '{code}' tidak dikenal.")
    return row
