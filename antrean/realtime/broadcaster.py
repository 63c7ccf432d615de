"""Turns committed queue events into Socket.IO pushes; the only place that emits.

After each action the screens get small events that say what changed, never a whole
snapshot: one "update" with the pieces the action touched (usecases.queue.screen_changes),
then the phones' events. A call goes out as "called" first, flushed before anything else of
the request, and carries its action's update inside: one message per screen per call.

Screens listen in rooms (realtime.socket): the office's room gets the whole update, each
zone's room its cut of it, and "called" only when the loket is in that zone.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from antrean.realtime.socket import (
    DEPLOYMENT_NAMESPACE,
    DEPLOYMENT_ROOM,
    DISPLAY_NAMESPACE,
    TRACK_NAMESPACE,
    Rooms,
    SocketEvent,
)
from antrean.usecases.events import EventKind, QueueEvent
from antrean.usecases.queue.ticket_view import screen_ticket

log = logging.getLogger(__name__)

CALLS = (EventKind.CALLED, EventKind.RECALLED)
# Events sent to the screens as they are, with their room: a print job's state (the kiosks
# are in the office's room, no zoned TV needs it), "setup" (services, counters or zones
# changed: every screen takes a fresh snapshot) and "media" (each TV fetches its zone's
# playlist). A TV moved to another zone loads again.
DISPLAY_EVENTS = {EventKind.PRINT: SocketEvent.PRINT_STATUS, EventKind.SETUP: SocketEvent.SETUP,
                  EventKind.DEVICE: SocketEvent.DEVICE_CHANGED, EventKind.MEDIA: SocketEvent.MEDIA}


def _display_room(event: QueueEvent, rooms: Rooms) -> str:
    if event.kind == EventKind.PRINT:
        return rooms.office()
    if event.kind == EventKind.DEVICE:
        return rooms.device(event.extra["device"])
    return rooms.screens()


class SocketBroadcaster:
    def __init__(self, socketio: Any, sleep: Callable[[float], None] | None = None,
                 rooms: Rooms | None = None) -> None:
        self._socketio = socketio
        self._rooms = rooms or Rooms()
        # Whether this office is one of a deployment's (whose dashboard hears its changes);
        # a single office spends no message on a dashboard nobody has.
        self.in_deployment: Callable[[], bool] = lambda: False
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
            updates[:0] = self._emit_call(event, updates.pop() if updates else {})
        if calls:
            self._sleep(0)  # let the screens' writers send the call before the rest
        for update in updates:
            self._emit_update(update)
        for event in events:
            if event.kind in DISPLAY_EVENTS:
                self._emit_display(DISPLAY_EVENTS[event.kind], event.extra,
                                   _display_room(event, self._rooms))
        for event in events:
            if event.ticket is not None and event.kind != EventKind.ISSUED:
                self._emit_track(SocketEvent.TICKET, event.ticket,
                                 self._rooms.ticket(event.ticket["id"]))
        for code in _moved_services(events):
            self._emit_track(SocketEvent.QUEUE_CHANGED, {"service": code},
                             self._rooms.service(code))
        if (calls or updates) and self.in_deployment():
            # The deployment's dashboard fetches this office's figures again.
            self._socketio.emit(SocketEvent.OFFICE_CHANGED, {"office": self._rooms.office_code},
                                namespace=DEPLOYMENT_NAMESPACE, to=DEPLOYMENT_ROOM)

    def _emit_call(self, event: QueueEvent, update: dict[str, Any]) -> list[dict[str, Any]]:
        """The call, with its update, to the office and to each zone of its loket; returns
        the other zones' cuts of the update, to send after the call."""
        office, zones = update_by_room(update)
        self._emit_display(SocketEvent.CALLED, called_payload(event, office or None),
                           self._rooms.office())
        number = event.counter["number"] if event.counter else None
        later = []
        for code, piece in zones.items():  # a zone hears only its own loket's calls
            if any(counter["number"] == number for counter in piece["counters"]):
                self._emit_display(SocketEvent.CALLED, called_payload(event, piece),
                                   self._rooms.zone(code))
            else:
                later.append({"zones": {code: piece}})
        return later

    def _emit_update(self, update: dict[str, Any]) -> None:
        office, zones = update_by_room(update)
        if office:
            self._emit_display(SocketEvent.UPDATE, office, self._rooms.office())
        for code, piece in zones.items():
            self._emit_display(SocketEvent.UPDATE, piece, self._rooms.zone(code))

    def resync(self) -> None:
        """This process was deaf to the message queue for a while: its own screens rebuild
        from a snapshot, and a TV announces the calls it missed that still stand."""
        for namespace in (DISPLAY_NAMESPACE, TRACK_NAMESPACE):
            self._socketio.emit(SocketEvent.RESYNC, {}, namespace=namespace, ignore_queue=True)

    def _emit_display(self, name: SocketEvent, payload: dict[str, Any], room: str) -> None:
        self._socketio.emit(name, payload, namespace=DISPLAY_NAMESPACE, to=room)

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


def update_by_room(update: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """An update's part for the office's screens, and each zone's cut (screen_changes)."""
    office = {key: value for key, value in update.items() if key != "zones"}
    return office, update.get("zones", {})


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
