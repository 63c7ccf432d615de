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
