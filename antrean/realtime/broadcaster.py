"""Turns committed queue events into Socket.IO pushes; the only place that emits.

After each action the screens get small events that say what changed, never a whole
snapshot: one "update" with the pieces the action touched (usecases.queue.screen_changes),
then the phones' events. A call goes out as "called" first, flushed before anything else of
the request, and carries its action's update inside: one message per screen per call.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from antrean.realtime.socket import (
    DISPLAY_NAMESPACE,
    TRACK_NAMESPACE,
    SocketEvent,
    service_room,
    ticket_room,
)
from antrean.usecases.events import EventKind, QueueEvent
from antrean.usecases.queue.ticket_view import screen_ticket

log = logging.getLogger(__name__)

CALLS = (EventKind.CALLED, EventKind.RECALLED)
# Events sent to the screens as they are: a print job's state, and "setup" (services or
# counters changed: each screen takes a fresh snapshot).
DISPLAY_EVENTS = {EventKind.PRINT: SocketEvent.PRINT_STATUS, EventKind.SETUP: SocketEvent.SETUP}


class SocketBroadcaster:
    def __init__(self, socketio: Any, sleep: Callable[[float], None] | None = None) -> None:
        self._socketio = socketio
        self._sleep = sleep or socketio.sleep

    def publish(self, events: list[QueueEvent]) -> None:
        try:
            self._publish(events)
        except Exception:  # a push failure must never undo a committed action
            log.exception("could not push queue events; screens catch up from the snapshot")

    def _publish(self, events: list[QueueEvent]) -> None:
        calls = [event for event in events if event.kind in CALLS]
        updates = [event.extra for event in events if event.kind == EventKind.UPDATE]
        for event in calls:
            update = updates.pop() if updates else None
            self._emit_display(SocketEvent.CALLED, called_payload(event, update))
        if calls:
            self._sleep(0)  # let the screens' writers send the call before the rest
        for update in updates:
            self._emit_display(SocketEvent.UPDATE, update)
        for event in events:
            if event.kind in DISPLAY_EVENTS:
                self._emit_display(DISPLAY_EVENTS[event.kind], event.extra)
        for event in events:
            if event.ticket is not None and event.kind != EventKind.ISSUED:
                self._emit_track(SocketEvent.TICKET, event.ticket, ticket_room(event.ticket["id"]))
        for code in _moved_services(events):
            self._emit_track(SocketEvent.QUEUE_CHANGED, {"service": code}, service_room(code))

    def resync(self) -> None:
        """This process was deaf to the message queue for a while: its own screens rebuild
        from a snapshot, and a TV announces the calls it missed that still stand."""
        for namespace in (DISPLAY_NAMESPACE, TRACK_NAMESPACE):
            self._socketio.emit(SocketEvent.RESYNC, {}, namespace=namespace, ignore_queue=True)

    def _emit_display(self, name: SocketEvent, payload: dict[str, Any]) -> None:
        self._socketio.emit(name, payload, namespace=DISPLAY_NAMESPACE)

    def _emit_track(self, name: SocketEvent, payload: dict[str, Any], room: str) -> None:
        self._socketio.emit(name, payload, namespace=TRACK_NAMESPACE, to=room)


def called_payload(event: QueueEvent, update: dict[str, Any] | None) -> dict[str, Any]:
    assert event.ticket is not None and event.counter is not None
    payload = {"ticket": screen_ticket(event.ticket), "counter": event.counter,
               "announcement": event.announcement, "recall": event.kind == EventKind.RECALLED,
               "call_id": event.extra.get("call_id")}
    if update is not None:
        payload["update"] = update  # what the call changed on the screens
    return payload


def _moved_services(events: list[QueueEvent]) -> set[str]:
    """Services whose waiting citizens may see a new position or wait: a regular ticket
    issued behind them changes neither, so it costs the phones nothing."""
    codes: set[str] = set()
    for event in events:
        ticket = event.ticket
        if ticket is None or (event.kind == EventKind.ISSUED and not ticket.get("priority")):
            continue
        codes.add(ticket["service"])
        codes.add(ticket["origin_service"])
        if event.counter is not None:
            codes.update(event.counter.get("services", []))
    for event in events:  # a loket that opens or closes changes the estimated waits
        if event.kind == EventKind.COUNTER and event.counter is not None:
            codes.update(event.counter.get("services", []))
    return codes
