"""One source of the office's set-up for every use case: the database, seeded from
config.toml on a new database, rebuilt in each process only when its version or the office
day moved (so a read costs one primary-key lookup per transaction, whatever the office size;
none on the hot paths, whose own first statement returns the version too: the snapshot's
stamp, Office.stamped_read, and issuing's numbering upsert, issuing.take_number).

Office.transaction brings office.settings up to date as it begins. A staff action that looks
its loket up before its own transaction is current too: its request was authenticated by a
token lookup, itself a transaction (tests/api/test_live_setup_cluster.py); issuing looks its
service up inside its transaction.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from antrean.config import ServiceSettings, Settings, live_office_table, with_setup
from antrean.core.setup_rules import prefix_on
from antrean.db import setup_store
from antrean.db.live_setup_models import SetupService

log = logging.getLogger(__name__)


class LiveSetup:
    """The settings a process uses now; `base` is what config.toml says."""

    def __init__(self, base: Settings) -> None:
        self.base = base
        self._key: tuple[int, date] | None = None
        self._settings = base

    def current(self, session: Session, day: date, version: int | None = None) -> Settings:
        """`version`: the set-up's version when the caller read it in one of its own
        statements of this transaction (a stamp, a number); read here otherwise."""
        key = (setup_store.version(session) if version is None else version, day)
        if key != self._key:
            self._settings = build(self.base, setup_store.load(session), day)
            self._key = key
        return self._settings


def build(base: Settings, stored: setup_store.StoredSetup, day: date) -> Settings:
    """The stored set-up as settings for `day`: its prefixes, closures and extra quota."""
    settings = with_setup(base, stored.office, stored.service_tables(), stored.counter_tables(),
                          stored.agency_tables(), stored.zone_tables())
    rows = {row.code: row for row in stored.services}
    return replace(settings, services=tuple(
        running_day(service, rows[service.code], day) for service in settings.services))


def running_day(service: ServiceSettings, row: SetupService, day: date) -> ServiceSettings:
    # Today's numbers keep the prefix they started with (setup_rules.prefix_takes_effect).
    prefix = prefix_on(day, service.prefix, row.previous_prefix, row.prefix_from)
    extra = setup_store.today_extra(row, day)
    quota = service.daily_quota + extra if service.daily_quota is not None else None
    return replace(service, prefix=prefix, paused_reason=row.paused_reason or "",
                   daily_quota=quota, extra_quota_today=extra if quota is not None else 0)


def open_live_setup(session: Session, base: Settings) -> tuple[LiveSetup, str]:
    """At start: seed a new database from the file, or say which set-up is used (the
    database's: what an admin changed must survive a restart). Returns that sentence."""
    source = str(base.source or "the configuration")
    file_tables: Tables = (live_office_table(base), list(base.raw.get("services", [])),
                           list(base.raw.get("counters", [])),
                           list(base.raw.get("agencies", [])), list(base.raw.get("zones", [])))
    if setup_store.is_empty(session):
        setup_store.seed(session, *file_tables)
        message = f"set-up: new database, services, counters and office details from {source}"
    else:
        if not setup_store.agencies_seeded(session):  # a database older than live agencies
            setup_store.seed_agencies(session, file_tables[3])
            setup_store.bump(session)
        if not setup_store.zones_seeded(session):  # a database from before zones were live
            setup_store.seed_zones(session, file_tables[4])
            setup_store.bump(session)
        stored = setup_store.load(session)
        differences = _differences(file_tables, (stored.office, stored.service_tables(),
                                                 stored.counter_tables(),
                                                 stored.agency_tables(), stored.zone_tables()))
        if differences:
            message = (f"set-up: {source} and the database differ ({'; '.join(differences)}); "
                       "using the DATABASE, as edited in /admin (run.py export-config prints it)")
            log.warning(message)
            return LiveSetup(base), message
        message = f"set-up: the database matches {source}"
    log.info(message)
    return LiveSetup(base), message


# office, services, counters, agencies, zones
Tables = tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]],
               list[dict[str, Any]], list[dict[str, Any]]]


def _differences(file: Tables, stored: Tables) -> list[str]:
    found = []
    if file[0] != stored[0]:
        found.append("office details")
    for name, key, mine, theirs in (("services", "code", file[1], stored[1]),
                                    ("counters", "number", file[2], stored[2]),
                                    ("agencies", "code", file[3], stored[3]),
                                    ("zones", "code", file[4], stored[4])):
        by_key = {table.get(key): table for table in theirs}
        changed = [str(table.get(key)) for table in mine if by_key.get(table.get(key)) != table]
        extra = sorted({str(k) for k in by_key} - {str(t.get(key)) for t in mine})
        if changed or extra:
            found.append(f"{name}: " + ", ".join(changed + [f"{k} (only in database)"
                                                             for k in extra]))
    return found
