"""Turns committed queue events into Socket.IO pushes; the only place that emits."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from flask_socketio import SocketIO

from antrean.realtime.socket import DISPLAY_NAMESPACE, TRACK_NAMESPACE, service_room, ticket_room
from antrean.usecases.events import QueueEvent

log = logging.getLogger(__name__)


class SocketBroadcaster:
    def __init__(self, socketio: SocketIO, snapshot: Callable[[], dict[str, Any]]) -> None:
        self._socketio = socketio
        self._snapshot = snapshot

    def publish(self, events: list[QueueEvent]) -> None:
        try:
            self._publish(events)
        except Exception:  # a push failure (Redis down) must never undo a committed action
            log.exception("could not push queue events; screens catch up from the snapshot")

    def _publish(self, events: list[QueueEvent]) -> None:
        for event in events:
            if event.kind == "print":
                self._emit_display("print_status", event.extra)
        if all(event.kind == "print" for event in events):
            return  # the queue did not change
        for event in events:
            if event.kind in ("called", "recalled"):
                self._emit_display("called", {
                    "ticket": event.ticket, "counter": event.counter,
                    "announcement": event.announcement, "recall": event.kind == "recalled",
                })
            if event.ticket is not None:
                self._emit_track("ticket", event.ticket, ticket_room(event.ticket["id"]))
        # Every screen rebuilds from one fresh snapshot after each action.
        self._emit_display("snapshot", self._snapshot())
        for code in _affected_services(events):
            self._emit_track("queue_changed", {"service": code}, service_room(code))

    def _emit_display(self, name: str, payload: dict[str, Any]) -> None:
        self._socketio.emit(name, payload, namespace=DISPLAY_NAMESPACE)

    def _emit_track(self, name: str, payload: dict[str, Any], room: str) -> None:
        self._socketio.emit(name, payload, namespace=TRACK_NAMESPACE, to=room)


def _affected_services(events: list[QueueEvent]) -> set[str]:
    codes: set[str] = set()
    for event in events:
        if event.ticket is not None:
            codes.add(event.ticket["service"])
            codes.add(event.ticket["origin_service"])
        if event.counter is not None:
            codes.update(event.counter.get("services", []))
    return codes
