"""What a zoned lobby TV shows: its zone's loket, the services they serve, the calls made at
them and the zone's running text (else the office's). Everything else of the office is left
out, so a TV in one hall never shows, or speaks, another hall's calls.

A zone's pieces are cut from the office's (the snapshot, each update) without a query, but
for its recent calls: those have their own version ("calls:<zone>", sent to the TV as
"calls"), bumped only by a change at one of the zone's loket, so the screens' reducer keeps
the zone's list exactly as a fresh zoned snapshot would.
"""

from __future__ import annotations

from dataclasses import dataclass

from antrean.config import Settings, ZoneSettings
from antrean.usecases.shapes import RecentCall, ScreenState, ScreenUpdate

CALLS = "calls"
RUNNING_TEXT = "running_text"


def zone_calls_key(code: str) -> str:
    return f"{CALLS}:{code}"


@dataclass(frozen=True)
class ZoneView:
    """A zone with what its TVs show."""

    code: str
    name: str
    counters: frozenset[int]
    services: frozenset[str]  # every service a loket of the zone serves
    running_text: str  # empty: the office's

    def shows(self, key: str) -> bool:
        """Whether a version key names a piece this zone's TVs keep."""
        kind, _, name = key.partition(":")
        if kind == "counter":
            return name.isdigit() and int(name) in self.counters
        if kind == "service":
            return name in self.services
        return key == RUNNING_TEXT and not self.running_text


def zone_view(settings: Settings, zone: ZoneSettings) -> ZoneView:
    services = {code for counter in settings.counters if counter.number in zone.counters
                for code in counter.services}
    return ZoneView(zone.code, zone.name, zone.counters, frozenset(services), zone.running_text)


def zone_views(settings: Settings) -> list[ZoneView]:
    return [zone_view(settings, zone) for zone in settings.zones]


def touched_zones(settings: Settings, counters: set[int]) -> list[ZoneView]:
    """The zones whose recent calls a change at these loket may move."""
    return [view for view in zone_views(settings) if view.counters & counters]


def zone_versions(view: ZoneView, versions: dict[str, int]) -> dict[str, int]:
    """The office's versions as the zone's TVs keep them ("calls" is the zone's own)."""
    kept = {key: version for key, version in versions.items() if view.shows(key)}
    if zone_calls_key(view.code) in versions:
        kept[CALLS] = versions[zone_calls_key(view.code)]
    return kept


def zone_update(view: ZoneView, update: ScreenUpdate,
                calls: list[RecentCall] | None) -> ScreenUpdate | None:
    """The office's update cut to the zone; `calls`: the zone's recent calls when they moved.
    None when the change shows nothing on this zone's TVs."""
    piece: ScreenUpdate = {
        "versions": zone_versions(view, update["versions"]),
        "services": [s for s in update["services"] if s["code"] in view.services],
        "counters": [c for c in update["counters"] if c["number"] in view.counters],
    }
    if calls is not None:
        piece["recent_calls"] = calls
    if "running_text" in update and not view.running_text:
        piece["running_text"] = update["running_text"]
    if not (piece["services"] or piece["counters"] or calls is not None
            or "running_text" in piece):
        return None
    return piece


def zone_snapshot(view: ZoneView, snapshot: ScreenState,
                  calls: list[RecentCall]) -> ScreenState:
    """The office's snapshot cut to the zone, with the zone's recent calls."""
    return {
        **snapshot,
        "zone": {"code": view.code, "name": view.name},
        "versions": {CALLS: 0, **zone_versions(view, snapshot["versions"])},
        "services": [s for s in snapshot["services"] if s["code"] in view.services],
        "counters": [c for c in snapshot["counters"] if c["number"] in view.counters],
        "recent_calls": calls,
        "running_text": view.running_text or snapshot["running_text"],
    }
