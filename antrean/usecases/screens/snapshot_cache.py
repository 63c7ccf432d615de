"""The snapshot, built once per change and served from memory until the next commit.

Connecting screens, GET /api/v1/queue and GET /api/v1/services ask for the same snapshot many
times between two changes. Each ask reads one small stamp (the sum of all screen versions, in
the database, so a commit by any process counts; it carries the set-up's version, so the ask
is that one statement) and the office-local minute (opening hours move with the clock); only
when either moved is the snapshot built again. A cached answer is therefore never older than
the last commit. A zoned TV's snapshot is cut from it, with one more query (the zone's recent
calls) per zone per change.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import cast

from antrean.usecases.context import Office
from antrean.usecases.queue.screen_pieces import recent_calls
from antrean.usecases.queue.zone_pieces import zone_snapshot, zone_view
from antrean.usecases.screens.queue_snapshot import build_snapshot
from antrean.usecases.shapes import QueueSnapshot, ScreenState

_KEY = "snapshot"


@dataclass(frozen=True)
class _Entry:
    key: tuple[object, ...]
    snapshot: ScreenState  # without server_time: that is the moment of each answer
    body: bytes  # the snapshot as JSON, "{" and server_time left off
    services: bytes


def cached_snapshot(office: Office, zone: str | None = None) -> QueueSnapshot:
    """The office's snapshot, or a zone's cut of it (built once per change per zone)."""
    entry, now = _current(office, zone)
    return {"server_time": now.isoformat(), **entry.snapshot}


def snapshot_json(office: Office) -> bytes:
    entry, now = _current(office)
    return b'{"server_time":' + _dumps(now.isoformat()) + b"," + entry.body


def services_json(office: Office) -> bytes:
    return _current(office)[0].services


def _current(office: Office, zone: str | None = None) -> tuple[_Entry, datetime]:
    now = office.now()
    minute = office.clock.local(now).replace(second=0, microsecond=0)
    with office.stamped_read() as (session, stamp):
        key = (stamp, minute)
        entry: _Entry | None = office.memo.get(_KEY)
        if entry is None or entry.key != key:
            entry = _entry(key, build_snapshot(session, office))
            office.memo[_KEY] = entry
        zone_settings = office.settings.zone(zone) if zone else None
        if zone_settings is None:
            return entry, now
        zoned: _Entry | None = office.memo.get(f"{_KEY}:{zone}")
        if zoned is None or zoned.key != key:
            view = zone_view(office.settings, zone_settings)
            calls = recent_calls(session, office,
                                 date.fromisoformat(entry.snapshot["local_day"]), view.counters)
            zoned = _entry(key, zone_snapshot(view, entry.snapshot, calls))
            office.memo[f"{_KEY}:{zone}"] = zoned
    return zoned, now


def _entry(key: tuple[object, ...], built: ScreenState) -> _Entry:
    snapshot = cast(ScreenState, {name: value for name, value in built.items()
                                  if name != "server_time"})
    return _Entry(key, snapshot, _dumps(snapshot)[1:], _dumps(built["services"]))


def _dumps(value: object) -> bytes:
    return json.dumps(value, separators=(",", ":")).encode()
