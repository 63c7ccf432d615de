"""Reading and writing the live set-up; its version is a screen version ("setup"), so a
change also moves the stamp every cached snapshot is checked against."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from antrean.db import screen_versions
from antrean.db.live_setup_models import SetupCounter, SetupService
from antrean.db.models import Setting
from antrean.db.screen_versions import ScreenVersion

VERSION_KEY = "setup"
OFFICE_KEY = "setup.office"

_VERSION = select(ScreenVersion.version).where(ScreenVersion.key == VERSION_KEY)


@dataclass(frozen=True)
class StoredSetup:
    office: dict[str, Any]
    services: list[SetupService]
    counters: list[SetupCounter]

    def service_tables(self) -> list[dict[str, Any]]:
        return [definition(row) for row in self.services]

    def counter_tables(self) -> list[dict[str, Any]]:
        return [definition(row) for row in self.counters]


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
    if lock:
        services, counters = services.with_for_update(), counters.with_for_update()
    office = session.get(Setting, OFFICE_KEY)
    return StoredSetup(json.loads(office.value) if office else {},
                       list(session.scalars(services)), list(session.scalars(counters)))


def definition(row: SetupService | SetupCounter) -> dict[str, Any]:
    value: dict[str, Any] = json.loads(row.definition)
    return value


def encode(table: dict[str, Any]) -> str:
    return json.dumps(table, ensure_ascii=False)


def save_office(session: Session, office: dict[str, Any]) -> None:
    row = session.get(Setting, OFFICE_KEY)
    if row is None:
        session.add(Setting(key=OFFICE_KEY, value=encode(office)))
    else:
        row.value = encode(office)


def seed(session: Session, office: dict[str, Any], services: list[dict[str, Any]],
         counters: list[dict[str, Any]]) -> None:
    save_office(session, office)
    for position, table in enumerate(services):
        session.add(SetupService(code=table["code"], position=position, definition=encode(table),
                                 extra_quota=0))
    for table in counters:
        session.add(SetupCounter(number=table["number"], definition=encode(table)))
    bump(session)


def next_position(session: Session) -> int:
    rows = session.scalars(select(SetupService.position)).all()
    return max(rows, default=-1) + 1


def today_extra(row: SetupService, day: date) -> int:
    return row.extra_quota if row.extra_quota_day == day else 0
