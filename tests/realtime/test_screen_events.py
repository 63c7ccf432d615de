"""The events a screen receives rebuild the same state as a fresh snapshot, after any actions.

Random sequences of actions run through the real use cases and the real broadcaster; what it
emits on /display goes, as JSON, through the screens' own reducer (screen_state.js under
node), and the state after each action must equal a snapshot built then. Delivered in any
order, the same events still end at the final snapshot (each piece carries its version).
"""

from __future__ import annotations

import json
import random
from typing import Any

import pytest

from antrean.core.errors import DomainError
from antrean.core.ticket import Priority
from antrean.realtime.broadcaster import SocketBroadcaster
from antrean.usecases.context import Office
from antrean.usecases.queue import calling, counters, serving
from antrean.usecases.queue.issuing import issue_ticket
from antrean.usecases.screens import running_text
from antrean.usecases.screens.queue_snapshot import queue_snapshot
from antrean.usecases.screens.snapshot_cache import cached_snapshot
from tests.conftest import OfficeFactory
from tests.support.clock import ManualClock
from tests.support.screen_reducer import reduce_in_node
from tests.support.zones import ZONE_CODES, ZONES

SCREEN_STATE = ("versions", "services", "counters", "recent_calls", "running_text")


class CapturingSocket:
    """Stands in for the Socket.IO server: keeps what the broadcaster emits, as JSON, with
    the room it went to (None: every screen)."""

    def __init__(self) -> None:
        self.emitted: list[tuple[str, Any, str, str | None]] = []

    def emit(self, name: str, payload: Any, namespace: str, to: str | None = None) -> None:
        self.emitted.append((name, json.loads(json.dumps(payload)), namespace, to))

    def sleep(self, _seconds: float) -> None:
        pass

    def take(self, rooms: tuple[str | None, ...] = ("office", None)) -> list[tuple[str, Any]]:
        """What a screen in the first room hears (the whole office by default)."""
        events = self.heard(rooms[0])
        self.emitted.clear()
        return events

    def heard(self, room: str | None) -> list[tuple[str, Any]]:
        return [(name, payload) for name, payload, namespace, to in self.emitted
                if namespace == "/display" and name in ("update", "called", "snapshot")
                and to in (room, None)]


class RandomDesk:
    """Plays a random office: kiosks issue, petugas call, serve, skip, transfer, pause."""

    def __init__(self, office: Office, clock: ManualClock, rng: random.Random) -> None:
        self.office, self.clock, self.rng = office, clock, rng
        self.issued: list[str] = []

    def act(self) -> None:
        self.clock.advance(seconds=self.rng.randint(1, 90))
        action = self.rng.choice([self.issue] * 4 + [self.call] * 3 + [
            self.recall, self.serve, self.serve, self.transfer, self.counter_state,
            self.call_out_of_turn, self.running_text])
        try:
            action()
        except DomainError:
            pass  # a 409 or 400 changes nothing and sends nothing

    def issue(self) -> None:
        priority = self.rng.choice([None, None, None, Priority.LANSIA])
        ticket = issue_ticket(self.office, self.rng.choice(["KTP", "KK", "AKTA"]), priority)
        self.issued.append(ticket["id"])

    def call(self) -> None:
        calling.call_next(self.office, self.rng.randint(1, 3), None)

    def recall(self) -> None:
        calling.recall(self.office, self.rng.randint(1, 3), None)

    def serve(self) -> None:
        if self.issued:
            action = self.rng.choice([serving.start, serving.finish, serving.skip,
                                      serving.no_show, serving.cancel, serving.requeue])
            action(self.office, self.rng.choice(self.issued), None)

    def transfer(self) -> None:
        if self.issued:
            serving.transfer(self.office, self.rng.choice(self.issued),
                             self.rng.choice(["KTP", "KK", "AKTA"]), None)

    def counter_state(self) -> None:
        counters.set_counter_state(self.office, self.rng.randint(1, 3),
                                   self.rng.choice(["open", "break", "closed"]), None)

    def call_out_of_turn(self) -> None:
        if self.issued:
            calling.call_ticket(self.office, self.rng.randint(1, 3),
                                self.rng.choice(self.issued), "Lansia", None)

    def running_text(self) -> None:
        running_text.set_running_text(self.office, f"Info {self.rng.randint(1, 99)}")


def screen_part(snapshot: dict[str, Any]) -> dict[str, Any]:
    return {key: snapshot[key] for key in SCREEN_STATE}


def play(make_office: OfficeFactory, database_url: str, seed: int,
         actions: int) -> tuple[dict[str, Any], list[list[tuple[str, Any]]],
                                list[dict[str, Any]]]:
    office, clock, _ = make_office(database_url, quota=40)
    socket = CapturingSocket()
    office.publisher = SocketBroadcaster(socket)
    desk = RandomDesk(office, clock, random.Random(seed))
    first = queue_snapshot(office)
    steps, truths = [], []
    for _ in range(actions):
        desk.act()
        steps.append(socket.take())
        truths.append(screen_part(json.loads(json.dumps(queue_snapshot(office)))))
    return first, steps, truths


@pytest.mark.usefixtures("node")
@pytest.mark.parametrize("seed", range(6))
def test_updates_rebuild_the_snapshot_after_every_action(
        make_office: OfficeFactory, sqlite_url: str, seed: int) -> None:
    first, steps, truths = play(make_office, sqlite_url, seed, actions=70)
    assert any(name == "update" for step in steps for name, _ in step)
    states = reduce_in_node(json.loads(json.dumps(first)), steps)
    for number, (state, truth) in enumerate(zip(states, truths, strict=True)):
        assert screen_part(state["state"]) == truth, f"after action {number + 1}"


@pytest.mark.usefixtures("node")
def test_updates_rebuild_the_snapshot_on_postgresql(make_office: OfficeFactory,
                                                     postgres_url: str) -> None:
    first, steps, truths = play(make_office, postgres_url, seed=42, actions=50)
    states = reduce_in_node(json.loads(json.dumps(first)), steps)
    assert [screen_part(s["state"]) for s in states] == truths


@pytest.mark.usefixtures("node")
@pytest.mark.parametrize("seed", range(3))
def test_late_and_reordered_updates_end_at_the_final_snapshot(
        make_office: OfficeFactory, sqlite_url: str, seed: int) -> None:
    first, steps, truths = play(make_office, sqlite_url, seed, actions=60)
    events = [event for step in steps for event in step]
    random.Random(seed).shuffle(events)
    events += events[: len(events) // 3]  # some arrive twice
    final = reduce_in_node(json.loads(json.dumps(first)), [events])[0]
    assert screen_part(final["state"]) == truths[-1]


@pytest.mark.usefixtures("node")
def test_a_tv_that_missed_the_events_finds_every_call_still_standing(
        make_office: OfficeFactory, sqlite_url: str) -> None:
    office, clock, _ = make_office(sqlite_url)
    for service in ("KTP", "KK", "AKTA"):
        issue_ticket(office, service)
    first = calling.call_next(office, 1, None)
    calling.call_next(office, 3, None)
    assert first is not None
    serving.start(office, first["id"], None)  # no longer called: nothing to announce
    clock.advance(seconds=5)
    calling.recall(office, 3, None)
    state = reduce_in_node(queue_snapshot(office), [[]])[0]
    assert [(c["number"], c["counter"]) for c in state["unannounced"]] == [("C-001", 3)]
    assert state["unannounced"][0]["announcement"]["display_text"] == \
        "Nomor antrean C-001, silakan menuju Loket 3"


def zone_part(office: Office, zone: str) -> dict[str, Any]:
    return screen_part(json.loads(json.dumps(cached_snapshot(office, zone))))


@pytest.mark.usefixtures("node")
@pytest.mark.parametrize("seed", range(3))
def test_a_zoned_screen_rebuilds_its_zones_snapshot_after_every_action(
        make_office: OfficeFactory, sqlite_url: str, seed: int) -> None:
    office, clock, _ = make_office(sqlite_url, quota=40, extra_tables=ZONES)
    socket = CapturingSocket()
    office.publisher = SocketBroadcaster(socket)
    desk = RandomDesk(office, clock, random.Random(seed))
    firsts = {zone: json.loads(json.dumps(cached_snapshot(office, zone))) for zone in ZONE_CODES}
    steps: dict[str, list[list[tuple[str, Any]]]] = {zone: [] for zone in ZONE_CODES}
    truths: dict[str, list[dict[str, Any]]] = {zone: [] for zone in ZONE_CODES}
    for _ in range(60):
        desk.act()
        for zone in ZONE_CODES:
            steps[zone].append(socket.heard(f"zone:{zone}"))
            truths[zone].append(zone_part(office, zone))
        socket.emitted.clear()
    for zone in ZONE_CODES:
        states = reduce_in_node(firsts[zone], steps[zone])
        for number, (state, truth) in enumerate(zip(states, truths[zone], strict=True)):
            assert screen_part(state["state"]) == truth, f"{zone}, after action {number + 1}"
    # The cuts are real: each zone shows its own loket and calls, "selatan" its own text.
    last = {zone: truths[zone][-1] for zone in ZONE_CODES}
    assert [c["number"] for c in last["utara"]["counters"]] == [1]
    assert [s["code"] for s in last["selatan"]["services"]] == ["AKTA"]
    assert {c["counter"] for c in last["tengah"]["recent_calls"]} <= {2, 3}
    assert last["selatan"]["running_text"] == "Selamat datang di Ruang Selatan"
    assert any(c["counter"] == 1 for c in last["utara"]["recent_calls"])


def test_a_zoned_screen_hears_only_the_calls_of_its_loket(
        make_office: OfficeFactory, sqlite_url: str) -> None:
    office, _, _ = make_office(sqlite_url, extra_tables=ZONES)
    socket = CapturingSocket()
    office.publisher = SocketBroadcaster(socket)
    for service in ("KTP", "KTP", "AKTA"):
        issue_ticket(office, service)
    socket.emitted.clear()
    for counter in (1, 3):
        calling.call_next(office, counter, None)
    calls = {zone: [(p["ticket"]["number"], p["counter"]["number"])
                    for name, p in socket.heard(f"zone:{zone}") if name == "called"]
             for zone in ZONE_CODES}
    assert calls == {"utara": [("A-001", 1)], "selatan": [("C-001", 3)],
                     "tengah": [("C-001", 3)]}
    office_calls = [p["counter"]["number"] for name, p in socket.heard("office")
                    if name == "called"]
    assert office_calls == [1, 3]
    # "tengah" shows KTP's waiting count (loket 2 serves it), so it hears that KTP moved,
    # after the call, without hearing the call.
    tengah = socket.heard("zone:tengah")
    assert [name for name, _ in tengah] == ["update", "called"]
    assert [s["code"] for s in tengah[0][1]["services"]] == ["KTP"]
