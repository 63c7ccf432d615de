"""What a transaction changed on the screens, sent as one small "update" event.

A use case names the pieces it touched; just before its commit, `update_event` bumps their
versions (screen_versions: row locks in commit order) and reads each piece once. Screens
replace those pieces when the version is newer than theirs, so late or reordered events never
move a screen back, and a fresh snapshot (which carries the versions) always wins over them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from antrean.db import screen_versions
from antrean.usecases.context import Office
from antrean.usecases.events import EventKind, QueueEvent
from antrean.usecases.queue.screen_pieces import counter_entry_of, read_running_text, recent_calls
from antrean.usecases.queue.service_status import service_status_of
from antrean.usecases.queue.zone_pieces import (
    CALLS,
    RUNNING_TEXT,
    ZoneView,
    touched_zones,
    zone_calls_key,
    zone_update,
    zone_views,
)
from antrean.usecases.shapes import OfficeUpdate, ScreenUpdate


def service_key(code: str) -> str:
    return f"service:{code}"


def counter_key(number: int) -> str:
    return f"counter:{number}"


@dataclass
class ScreenChanges:
    services: set[str] = field(default_factory=set)
    counters: set[int] = field(default_factory=set)
    calls: bool = False
    running_text: bool = False
    issued: dict[str, int] = field(default_factory=dict)  # numbers taken, known to the caller
    waiting: dict[str, int] = field(default_factory=dict)  # waiting counts the caller counted
    versions: dict[str, int] | None = None

    def keys(self, zones: list[ZoneView] | None = None) -> list[str]:
        keys = [service_key(code) for code in self.services]
        keys += [counter_key(number) for number in self.counters]
        if self.calls:
            keys.append(CALLS)
            keys += [zone_calls_key(zone.code) for zone in zones or []]
        if self.running_text:
            keys.append(RUNNING_TEXT)
        return keys

    def take_versions(self, session: Session, zones: list[ZoneView] | None = None) -> None:
        """Lock the pieces now: whatever is counted after this (in this transaction) is
        counted after every earlier change to them committed. Done by update_event if not
        before. `zones`: those whose recent calls this change moves."""
        if self.versions is None:
            self.versions = screen_versions.bump(session, self.keys(zones))

    def update_event(self, session: Session, office: Office) -> QueueEvent:
        """Call last in the transaction, after every change: the pieces read here are final."""
        touched = touched_zones(office.settings, self.counters) if self.calls else []
        self.take_versions(session, touched)
        assert self.versions is not None
        payload: OfficeUpdate = {
            "versions": self.versions,
            "services": [service_status_of(session, office, code, self.issued.get(code),
                                           self.waiting.get(code))
                         for code in sorted(self.services)
                         if office.settings.service(code) is not None],
            "counters": [counter_entry_of(session, office, number)
                         for number in sorted(self.counters)
                         if office.settings.counter(number) is not None],
        }
        if self.calls:
            today = office.clock.local_day(office.now())
            payload["recent_calls"] = recent_calls(session, office, today)
        if self.running_text:
            payload["running_text"] = read_running_text(session, office)
        if office.settings.zones:
            payload["zones"] = self._zone_updates(session, office, payload, touched)
        return QueueEvent(EventKind.UPDATE, extra=dict(payload))

    def _zone_updates(self, session: Session, office: Office, payload: ScreenUpdate,
                      touched: list[ZoneView]) -> dict[str, ScreenUpdate]:
        """Each zone's cut of the update (the broadcaster sends it to that zone's TVs): one
        query per zone whose recent calls moved, none for the others."""
        day = office.clock.local_day(office.now())
        calls = {zone.code: recent_calls(session, office, day, zone.counters) for zone in touched}
        updates = {}
        for zone in zone_views(office.settings):
            update = zone_update(zone, payload, calls.get(zone.code))
            if update is not None:
                updates[zone.code] = update
        return updates
