"""Which /display room a connection listens in: a TV bound to a zone hears only that zone
(realtime.broadcaster sends each zone its cut of every change); every other screen hears the
whole office. A TV also joins its own device room, where it is told when an admin moves it."""

from __future__ import annotations

from typing import Any

from flask import current_app, request
from flask_socketio import join_room, rooms

from antrean.realtime.socket import DISPLAY_NAMESPACE, Rooms
from antrean.usecases.access.devices import display_zone
from antrean.usecases.context import Office
from antrean.web.auth import STAFF, socket_principal
from antrean.web.office import current_office

ROOMS_KEY = "antrean.rooms"


def office_rooms() -> Rooms:
    """The rooms of the office this app serves (create_app)."""
    found: Rooms = current_app.extensions[ROOMS_KEY]
    return found


def join_display_rooms(auth: Any) -> str | None:
    """Join this connection's rooms; returns its zone (None: the whole office). A TV's zone is
    its device's; staff may preview a zone's TV (`auth={"zone": code}`)."""
    principal = socket_principal(auth)
    names = office_rooms()
    zone = None
    if principal is not None and principal.device_id is not None:
        zone = display_zone(current_office(), principal.device_id)
        join_room(names.device(principal.device_id))
    elif principal is not None and principal.role in STAFF and isinstance(auth, dict):
        zone = preview_zone(current_office(), auth.get("zone"))
    join_room(names.display(zone))
    join_room(names.screens())
    return zone


def preview_zone(office: Office, code: object) -> str | None:
    """The zone staff asked to see, when there is one by that code."""
    return code if isinstance(code, str) and office.settings.zone(code) is not None else None


def joined_zone() -> str | None:
    """The zone this connection joined (a local lookup: no query per screen)."""
    names = office_rooms()
    for room in rooms(sid=request.sid, namespace=DISPLAY_NAMESPACE):  # type: ignore[attr-defined]
        zone = names.zone_of(room)
        if zone is not None:
            return zone
    return None
