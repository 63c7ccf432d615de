"""One task per process sweeps the /display connections of every office, each office's in
one read: a revoked credential ends its connection, the others stay."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from antrean.realtime.socket import DISPLAY_NAMESPACE
from antrean.usecases.access.devices import create_device, revoke_device
from antrean.usecases.access.held_credentials import bearer_token
from antrean.web.socket_access import ConnectionWatch, process_sweep
from tests.conftest import OfficeFactory


class FakeSocketIO:
    """Records the tasks started and the connections ended; runs nothing by itself."""

    def __init__(self) -> None:
        self.tasks: list[Callable[[], None]] = []
        self.ended: list[str] = []
        self.refused: set[str] = set()
        self.server = self

    def start_background_task(self, task: Callable[[], None]) -> None:
        self.tasks.append(task)

    def sleep(self, seconds: float) -> None:
        pass

    def disconnect(self, sid: str, namespace: str) -> None:
        assert namespace == DISPLAY_NAMESPACE
        if sid in self.refused:
            raise RuntimeError("server gone")
        self.ended.append(sid)


def test_one_sweep_for_every_office_ends_only_the_revoked(
        make_office: OfficeFactory, tmp_path: Path) -> None:
    socketio: Any = FakeSocketIO()
    watches, devices = [], []
    for name in ("a", "b"):
        office, _, _ = make_office(f"sqlite:///{tmp_path / name}.sqlite3")
        tv, token = create_device(office, "TV lobi", "display")
        watch = ConnectionWatch(socketio, office)
        for n in range(3):
            watch.watch(f"{name}{n}", bearer_token(token))
        watches.append(watch)
        devices.append((office, tv["id"]))
    assert len(socketio.tasks) == 1  # not one per office

    assert process_sweep(socketio).sweep() == []
    office, device_id = devices[1]
    revoke_device(office, device_id, None)
    assert sorted(process_sweep(socketio).sweep()) == ["b0", "b1", "b2"]
    assert sorted(socketio.ended) == ["b0", "b1", "b2"]
    assert watches[0].watching() and not watches[1].watching()

    watches[0].stop()
    socketio.tasks[0]()  # nothing watched any more: the task ends
    watches[0].watch("a9", bearer_token("any"))
    assert len(socketio.tasks) == 2  # and the next connection starts it again


def test_one_offices_failing_sweep_does_not_stop_the_others(
        make_office: OfficeFactory, tmp_path: Path) -> None:
    socketio: Any = FakeSocketIO()
    socketio.refused = {"a"}  # the server cannot end this connection
    for name in ("a", "b"):
        office, _, _ = make_office(f"sqlite:///{tmp_path / name}.sqlite3")
        tv, token = create_device(office, "TV lobi", "display")
        ConnectionWatch(socketio, office).watch(name, bearer_token(token))
        revoke_device(office, tv["id"], None)
    assert process_sweep(socketio).sweep() == ["b"]
    assert socketio.ended == ["b"]
