"""The deployment dashboard's Socket.IO namespace: told which office's queue moved."""

from __future__ import annotations

from typing import Any

from flask import current_app, request
from flask_socketio import SocketIO, join_room

from antrean.core.access import Role
from antrean.core.scope import is_office_wide
from antrean.realtime.socket import DEPLOYMENT_NAMESPACE, DEPLOYMENT_ROOM
from antrean.web.auth import socket_principal
from antrean.web.office import deployment_root
from antrean.web.socket_access import connection_credential, connection_watch


def register_deployment_handlers(socketio: SocketIO) -> None:
    @socketio.on("connect", namespace=DEPLOYMENT_NAMESPACE)
    def deployment_connected(auth: Any = None) -> None:
        """The deployment's dashboard: its admin, at the root only."""
        principal = socket_principal(auth)
        if deployment_root() is not None or principal is None \
                or principal.role != Role.ADMIN or not is_office_wide(principal):
            raise ConnectionRefusedError({
                "error": "unauthorized",
                "message": "Dasbor semua kantor hanya untuk admin kabupaten/kota.",
            })
        credential = connection_credential(auth)
        if credential is not None:
            connection_watch(current_app).watch(request.sid, credential)  # type: ignore[attr-defined]
        join_room(DEPLOYMENT_ROOM)

    @socketio.on("disconnect", namespace=DEPLOYMENT_NAMESPACE)
    def deployment_disconnected(*_reason: Any) -> None:
        connection_watch(current_app).forget(request.sid)  # type: ignore[attr-defined]
