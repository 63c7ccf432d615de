"""Socket.IO namespace handlers: screens receive state, actions go through HTTP."""

from __future__ import annotations

from typing import Any

from flask import current_app, request, session
from flask_socketio import SocketIO, emit, join_room

from antrean.core.errors import DomainError
from antrean.realtime.socket import (
    DISPLAY_NAMESPACE,
    TRACK_NAMESPACE,
    SocketEvent,
)
from antrean.usecases.screens.queue_snapshot import lookup_ticket
from antrean.usecases.screens.snapshot_cache import cached_snapshot
from antrean.web.auth import DISPLAY_FEED, socket_principal
from antrean.web.office import current_office as _office
from antrean.web.socket_access import connection_credential, connection_watch
from antrean.web.socket_rooms import join_display_rooms, joined_zone, office_rooms
from antrean.web.survey_pages import TABLET_KEY, tablet_counter


def register_handlers(socketio: SocketIO) -> None:
    @socketio.on("connect", namespace=DISPLAY_NAMESPACE)
    def display_connected(auth: Any = None) -> None:
        """Only a paired TV (or kiosk) and signed-in staff see the whole queue live."""
        try:
            if not _may_watch_queue(auth):
                raise ConnectionRefusedError({
                    "error": "unauthorized",
                    "message": "Layar ini belum dipasangkan. Minta admin memasangkan perangkat.",
                })
            credential = connection_credential(auth)
            if credential is not None:
                connection_watch(current_app).watch(request.sid, credential)  # type: ignore[attr-defined]
            zone = join_display_rooms(auth)
            emit(SocketEvent.SNAPSHOT, cached_snapshot(_office(), zone))
        except DomainError as error:  # the database is down: the screen retries by itself
            raise ConnectionRefusedError({"error": error.code, "message": error.message}) \
                from error

    @socketio.on("disconnect", namespace=DISPLAY_NAMESPACE)
    def display_disconnected(*_reason: Any) -> None:
        connection_watch(current_app).forget(request.sid)  # type: ignore[attr-defined]

    @socketio.on(SocketEvent.SNAPSHOT, namespace=DISPLAY_NAMESPACE)
    def display_wants_snapshot(_data: Any = None) -> dict[str, Any]:
        return cached_snapshot(_office(), joined_zone())

    @socketio.on(SocketEvent.FOLLOW, namespace=TRACK_NAMESPACE)
    def follow_ticket(data: Any = None) -> dict[str, Any]:
        """A phone follows one ticket by its unguessable id, and learns nothing of others."""
        public_id = data.get("id") if isinstance(data, dict) else None
        if not isinstance(public_id, str) or "\x00" in public_id:
            return {"error": "invalid_ticket", "message": "Nomor tiket tidak valid."}
        try:
            ticket = lookup_ticket(_office(), public_id)
        except DomainError as error:
            return {"error": error.code, "message": error.message}
        names = office_rooms()
        join_room(names.ticket(public_id))
        join_room(names.service(ticket["service"]))
        return {"ticket": ticket}


def _may_watch_queue(auth: Any) -> bool:
    # A loket survey tablet paired by a petugas or an admin's link (survey_pages) may listen
    # too, while its pairing holds.
    if session.get(TABLET_KEY) is not None:
        return tablet_counter() is not None
    principal = socket_principal(auth)
    return principal is not None and principal.role in DISPLAY_FEED
