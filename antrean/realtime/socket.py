"""The Socket.IO server object, created unbound and attached in create_app."""

from __future__ import annotations

from enum import StrEnum

from flask_socketio import SocketIO

socketio = SocketIO()


class SocketEvent(StrEnum):
    """Every Socket.IO event the server sends or answers (Socket.IO's own connect and
    disconnect aside); the browser scripts listen for the same names."""

    SNAPSHOT = "snapshot"  # the whole queue: on connecting, and asked for by a screen
    CALLED = "called"  # a loket called a ticket, with what the call changed
    UPDATE = "update"  # the pieces of the screens an action changed
    SETUP = "setup"  # services or counters changed: take a fresh snapshot
    PRINT_STATUS = "print_status"  # a kiosk's print job moved on
    RESYNC = "resync"  # this process missed messages: rebuild from a snapshot
    FOLLOW = "follow"  # a phone follows one ticket (/track)
    TICKET = "ticket"  # the followed ticket changed (/track)
    QUEUE_CHANGED = "queue_changed"  # a followed ticket's service moved (/track)
    DEVICE_CHANGED = "device_changed"  # this TV was moved to another zone: load again
    MEDIA = "media"  # the lobby media changed: fetch the playlist again

DISPLAY_NAMESPACE = "/display"
TRACK_NAMESPACE = "/track"


def ticket_room(public_id: str) -> str:
    return f"ticket:{public_id}"


def service_room(service_code: str) -> str:
    return f"service:{service_code}"


# Every /display connection is in one of these: a zoned TV in its zone's room, every other
# screen (unzoned TVs, kiosks, consoles, monitors, tablets) in the office's.
OFFICE_ROOM = "office"


def zone_room(zone_code: str) -> str:
    return f"zone:{zone_code}"


def display_room(zone_code: str | None) -> str:
    return zone_room(zone_code) if zone_code else OFFICE_ROOM


def device_room(device_id: int) -> str:
    """A paired TV's own connections: told when an admin moves it to another zone."""
    return f"device:{device_id}"
