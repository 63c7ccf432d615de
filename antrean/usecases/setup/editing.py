"""Services, counters and office details edited while the office runs.

`changes` are the keys of a [[services]] / [[counters]] / [office] table, as config.toml
spells them; None removes an optional key (no quota, no target). The safe-change rules of a
running day are in core.setup_rules.

Tables and changes stay `dict[str, Any]`: they are config.toml tables, free-form by design (a
JSON body or a form passed through), checked whole by config when the change is (change.check).
"""

from __future__ import annotations

from typing import Any

from antrean.config import LIVE_OFFICE_KEYS
from antrean.core.errors import invalid, not_found
from antrean.core.scope import require, within
from antrean.core.setup_rules import prefix_on, prefix_takes_effect, services_dropped
from antrean.db import setup_store
from antrean.db.live_setup_models import SetupCounter, SetupService
from antrean.usecases.context import Office
from antrean.usecases.setup.change import SetupChange, setup_change
from antrean.usecases.setup.handing_back import hand_back_from
from antrean.usecases.setup.zones import drop_counter

SERVICE_ADDED = "service_added"
SERVICE_CHANGED = "service_changed"
COUNTER_ADDED = "counter_added"
COUNTER_CHANGED = "counter_changed"
COUNTER_REMOVED = "counter_removed"
OFFICE_CHANGED = "office_changed"


def save_service(office: Office, code: str | None, changes: dict[str, Any],
                 actor_id: int | None = None, scope: str | None = None) -> dict[str, Any]:
    """Add a service (code None) or change one; returns its stored table. `scope`: the
    agency of an agency admin, which the service must belong to once saved."""
    with setup_change(office) as change:
        if code is None:
            table = merged_table({}, changes)
            row = SetupService(code=str(table.get("code", "")), extra_quota=0,
                               position=setup_store.next_position(change.session),
                               definition=setup_store.encode(table))
            change.stored.services.append(row)
            before = None
        else:
            row = _service_row(change, code)
            before = setup_store.definition(row)
            if "code" in changes and changes["code"] != code:
                raise invalid("code_fixed", "Kode: kode layanan tidak dapat diubah (tiket dan "
                              "laporan memakainya); buat layanan baru bila perlu.")
            table = merged_table(before, changes)
            _defer_prefix(change, row, before, table)
            row.definition = setup_store.encode(table)
        saved = change.check().service(row.code)
        require(saved is None or within(scope, saved.agency))
        if before is None:
            change.session.add(row)
        change.services.add(row.code)
        change.record(SERVICE_ADDED if before is None else SERVICE_CHANGED, row.code, before,
                      table, actor_id)
    return table


def _defer_prefix(change: SetupChange, row: SetupService, before: dict[str, Any],
                  after: dict[str, Any]) -> None:
    """A new prefix starts tomorrow; today's numbers keep the one they started with."""
    today_prefix = prefix_on(change.today, before["prefix"], row.previous_prefix, row.prefix_from)
    if after.get("prefix") == today_prefix:
        row.previous_prefix, row.prefix_from = None, None
    elif after.get("prefix") != before["prefix"] or row.prefix_from is not None:
        row.previous_prefix, row.prefix_from = today_prefix, prefix_takes_effect(change.today)


def save_counter(office: Office, number: int | None, changes: dict[str, Any],
                 actor_id: int | None = None, scope: str | None = None) -> dict[str, Any]:
    """Add a loket (number None: the `number` in changes) or change one. A loket that stops
    serving its current ticket's service hands that ticket back to the queue. `scope`: the
    agency of an agency admin, whose services alone the loket may serve."""
    with setup_change(office) as change:
        if number is None:
            table = merged_table({}, changes)
            row = SetupCounter(number=table.get("number"), definition=setup_store.encode(table))
            if isinstance(row.number, int) and _find_counter(change, row.number) is not None:
                raise invalid("counter_exists", f"Nomor loket: loket {row.number} sudah ada.")
            change.stored.counters.append(row)
            before = None
        else:
            row = _counter_row(change, number)
            before = setup_store.definition(row)
            if "number" in changes and changes["number"] != number:
                raise invalid("number_fixed", "Nomor loket tidak dapat diubah; tambahkan loket "
                              "baru lalu hapus yang lama.")
            table = merged_table(before, changes)
            row.definition = setup_store.encode(table)
        saved = change.check().counter(row.number)
        require(saved is None or within(scope, saved.agency))
        if before is None:
            change.session.add(row)
        else:
            dropped = services_dropped(before["services"], table["services"])
            if dropped:
                hand_back_from(change, row.number, table["services"], actor_id)
        change.counters.add(row.number)
        change.record(COUNTER_ADDED if before is None else COUNTER_CHANGED, f"loket {row.number}",
                      before, table, actor_id)
    return table


def remove_counter(office: Office, number: int, actor_id: int | None = None) -> None:
    """The loket goes (from the zones that list it too); the ticket it was calling or serving
    goes back to the queue."""
    with setup_change(office) as change:
        row = _counter_row(change, number)
        before = setup_store.definition(row)
        change.stored.counters.remove(row)
        drop_counter(change, number)
        change.check()  # at least one loket stays
        change.session.delete(row)
        hand_back_from(change, number, None, actor_id)
        change.record(COUNTER_REMOVED, f"loket {number}", before, None, actor_id)


def save_office(office: Office, changes: dict[str, Any],
                actor_id: int | None = None) -> dict[str, Any]:
    unknown = sorted(set(changes) - set(LIVE_OFFICE_KEYS))
    if unknown:
        raise invalid("office_key_fixed", f"'{unknown[0]}' diatur di config.toml (zona waktu dan "
                      "hari kerja menentukan hari tiap tiket), bukan di sini.")
    with setup_change(office) as change:
        before = dict(change.stored.office)
        table = merged_table(before, changes)
        change.stored = setup_store.StoredSetup(table, change.stored.services,
                                                change.stored.counters, change.stored.agencies,
                                                change.stored.zones)
        settings = change.check()
        setup_store.save_office(change.session, table)
        change.services.update(s.code for s in settings.services)
        change.counters.update(c.number for c in settings.counters)
        change.record(OFFICE_CHANGED, "kantor", before, table, actor_id)
    return table


def merged_table(before: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    table = dict(before)
    for key, value in changes.items():
        if value is None or value == "":
            table.pop(key, None)
        else:
            table[key] = value
    return table


def _service_row(change: SetupChange, code: str) -> SetupService:
    row = next((row for row in change.stored.services if row.code == code), None)
    if row is None:
        raise not_found("unknown_service", f"Layanan '{code}' tidak dikenal.")
    return row


def _find_counter(change: SetupChange, number: int) -> SetupCounter | None:
    return next((row for row in change.stored.counters if row.number == number), None)


def _counter_row(change: SetupChange, number: int) -> SetupCounter:
    row = _find_counter(change, number)
    if row is None:
        raise not_found("unknown_counter", f"Loket {number} tidak ada.")
    return row
