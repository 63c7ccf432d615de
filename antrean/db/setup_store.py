"""Reading and writing the live set-up; its version is a screen version ("setup"), so a
change also moves the stamp every cached snapshot is checked against."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from antrean.db import screen_versions
from antrean.db.live_setup_models import SetupCounter, SetupService
from antrean.db.models import Setting
from antrean.db.screen_versions import ScreenVersion
from antrean.db.setup_agency_models import SetupAgency
from antrean.db.zone_models import SetupZone

VERSION_KEY = screen_versions.SETUP_KEY
OFFICE_KEY = "setup.office"
# Set once the file's [[agencies]] were copied: an empty table then means a single office,
# even in a database made before agencies were edited live.
AGENCIES_SEEDED_KEY = "setup.agencies_seeded"
# Set once the file's [[zones]] were copied in: a database made before zones were live gets
# them on its next start, and zones an admin removed do not come back on a restart.
ZONES_SEEDED_KEY = "setup.zones_seeded"

_VERSION = select(ScreenVersion.version).where(ScreenVersion.key == VERSION_KEY)


@dataclass(frozen=True)
class StoredSetup:
    office: dict[str, Any]
    services: list[SetupService]
    counters: list[SetupCounter]
    agencies: list[SetupAgency] = field(default_factory=list)
    zones: list[SetupZone] = field(default_factory=list)

    def agency_tables(self) -> list[dict[str, Any]]:
        return [definition(row) for row in self.agencies]

    def service_tables(self) -> list[dict[str, Any]]:
        return [definition(row) for row in self.services]

    def counter_tables(self) -> list[dict[str, Any]]:
        return [definition(row) for row in self.counters]

    def zone_tables(self) -> list[dict[str, Any]]:
        return [definition(row) for row in self.zones]


def version(session: Session) -> int:
    """Asked at the start of every transaction: one primary-key read."""
    return int(session.execute(_VERSION).scalar() or 0)


def bump(session: Session) -> int:
    return screen_versions.bump(session, [VERSION_KEY])[VERSION_KEY]


def is_empty(session: Session) -> bool:
    return session.scalar(select(SetupService.code).limit(1)) is None


def load(session: Session, lock: bool = False) -> StoredSetup:
    services = select(SetupService).order_by(SetupService.position, SetupService.code)
    counters = select(SetupCounter).order_by(SetupCounter.number)
    agencies = select(SetupAgency).order_by(SetupAgency.position, SetupAgency.code)
    zones = select(SetupZone).order_by(SetupZone.position, SetupZone.code)
    if lock:
        services, counters = services.with_for_update(), counters.with_for_update()
        agencies, zones = agencies.with_for_update(), zones.with_for_update()
    office = session.get(Setting, OFFICE_KEY)
    return StoredSetup(json.loads(office.value, object_hook=_untag) if office else {},
                       list(session.scalars(services)), list(session.scalars(counters)),
                       list(session.scalars(agencies)), list(session.scalars(zones)))


def definition(row: SetupService | SetupCounter | SetupAgency | SetupZone) -> dict[str, Any]:
    value: dict[str, Any] = json.loads(row.definition, object_hook=_untag)
    return value


def encode(table: dict[str, Any]) -> str:
    return json.dumps(table, ensure_ascii=False, default=_tag)


# TOML has dates and times (a standard's sk_date); JSON has not: they are stored tagged, so a
# table reads back exactly as config.toml gave it and exports as the same TOML.
_TAGS: dict[str, Callable[[str], Any]] = {
    "$datetime": datetime.fromisoformat, "$date": date.fromisoformat, "$time": time.fromisoformat,
}


def _tag(value: object) -> dict[str, str]:
    if isinstance(value, datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    if isinstance(value, time):
        return {"$time": value.isoformat()}
    raise TypeError(f"{type(value).__name__} cannot be stored in a set-up table")


def _untag(obj: dict[str, Any]) -> Any:
    if len(obj) == 1:
        [(key, value)] = obj.items()
        if key in _TAGS and isinstance(value, str):
            return _TAGS[key](value)
    return obj


def save_office(session: Session, office: dict[str, Any]) -> None:
    row = session.get(Setting, OFFICE_KEY)
    if row is None:
        session.add(Setting(key=OFFICE_KEY, value=encode(office)))
    else:
        row.value = encode(office)


def seed(session: Session, office: dict[str, Any], services: list[dict[str, Any]],
         counters: list[dict[str, Any]], agencies: list[dict[str, Any]] | None = None,
         zones: list[dict[str, Any]] | None = None) -> None:
    save_office(session, office)
    seed_agencies(session, agencies or [])
    for position, table in enumerate(services):
        session.add(SetupService(code=table["code"], position=position, definition=encode(table),
                                 extra_quota=0))
    for table in counters:
        session.add(SetupCounter(number=table["number"], definition=encode(table)))
    seed_zones(session, zones or [])
    bump(session)


def agencies_seeded(session: Session) -> bool:
    return session.get(Setting, AGENCIES_SEEDED_KEY) is not None


def seed_agencies(session: Session, agencies: list[dict[str, Any]]) -> None:
    """The file's [[agencies]], once per database (a new one, or one made before)."""
    for position, table in enumerate(agencies):
        session.add(SetupAgency(code=table["code"], position=position, definition=encode(table)))
    session.add(Setting(key=AGENCIES_SEEDED_KEY, value="1"))


def zones_seeded(session: Session) -> bool:
    return session.get(Setting, ZONES_SEEDED_KEY) is not None


def seed_zones(session: Session, zones: list[dict[str, Any]]) -> None:
    for position, table in enumerate(zones):
        session.add(SetupZone(code=table["code"], position=position, definition=encode(table)))
    session.add(Setting(key=ZONES_SEEDED_KEY, value="1"))


def next_position(session: Session, model: type[SetupService | SetupZone] = SetupService) -> int:
    rows = session.scalars(select(model.position)).all()
    return max(rows, default=-1) + 1


def next_agency_position(session: Session) -> int:
    rows = session.scalars(select(SetupAgency.position)).all()
    return max(rows, default=-1) + 1


def today_extra(row: SetupService, day: date) -> int:
    return row.extra_quota if row.extra_quota_day == day else 0
