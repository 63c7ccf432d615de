"""The Socket.IO server object, created unbound and attached in create_app."""

from __future__ import annotations

from flask_socketio import SocketIO

socketio = SocketIO()

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
