"""Live connections end when their access does: a TV whose device is revoked, a petugas who
is deactivated or signed out, a survey tablet whose pairing is revoked.

Each process watches its own /display connections and checks each one's credential again
every SWEEP_SECONDS (through the two-second principal cache, so a few queries however many
screens). A revocation made on another process therefore ends the connections here within
seconds too, whether or not the message queue is up.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from flask import Flask, request, session
from flask_socketio import SocketIO

from antrean.realtime.socket import DISPLAY_NAMESPACE
from antrean.usecases.access import tablets
from antrean.usecases.access.accounts import principal_for_token
from antrean.usecases.access.devices import principal_for_bearer_token, principal_for_device
from antrean.usecases.context import Office
from antrean.web.auth import WEB_TOKEN_KEY
from antrean.web.office import EXTENSION_KEY
from antrean.web.survey_pages import TABLET_KEY

log = logging.getLogger(__name__)

SWEEP_SECONDS = 1.0
Check = Callable[[Office], bool]


class ConnectionWatch:
    """The /display connections of one process and how to tell they still may listen."""

    def __init__(self, socketio: SocketIO, office: Office) -> None:
        self._socketio = socketio
        self._office = office
        self._checks: dict[str, Check] = {}
        self._lock = threading.Lock()
        self._sweeping = False

    def watch(self, sid: str, check: Check) -> None:
        with self._lock:
            self._checks[sid] = check
            start = not self._sweeping
            self._sweeping = True
        if start:
            self._socketio.start_background_task(self._sweep_forever)

    def forget(self, sid: str) -> None:
        with self._lock:
            self._checks.pop(sid, None)

    def stop(self) -> None:
        """Watch nothing more: the sweep ends within a second (the app is being shut down)."""
        with self._lock:
            self._checks.clear()

    def sweep(self) -> list[str]:
        """Disconnect every watched connection whose access is gone; returns their sids."""
        with self._lock:
            watched = list(self._checks.items())
        ended = []
        for sid, check in watched:
            if not self._still_allowed(check):
                self.forget(sid)
                self._socketio.server.disconnect(sid, namespace=DISPLAY_NAMESPACE)
                ended.append(sid)
        if ended:
            log.info("ended %d connection(s) whose access was revoked", len(ended))
        return ended

    def _still_allowed(self, check: Check) -> bool:
        try:
            return check(self._office)
        except Exception as error:  # noqa: BLE001 - the database is down: keep the screen
            # One line, no traceback: while the database is down this repeats every second
            # for every screen, and formatting tracebacks from this thread raced the main
            # thread's ast.parse on CPython 3.11 ("AST constructor recursion depth mismatch").
            log.warning("cannot check a connection's access now: %s: %s",
                        type(error).__name__, str(error).splitlines()[0] if str(error) else "")
            return True

    def _sweep_forever(self) -> None:
        # Ends when nothing is watched (a test's app, an office with no screens open).
        while True:
            self._socketio.sleep(SWEEP_SECONDS)
            self.sweep()
            with self._lock:
                if not self._checks:
                    self._sweeping = False
                    return


def init_connection_watch(app: Flask, socketio: SocketIO) -> None:
    app.extensions[WATCH_KEY] = ConnectionWatch(socketio, app.extensions[EXTENSION_KEY])


WATCH_KEY = "antrean_connection_watch"


def connection_watch(app: Flask) -> ConnectionWatch:
    watch: ConnectionWatch = app.extensions[WATCH_KEY]
    return watch


def credential_check(auth: Any) -> Check | None:
    """How to ask again whether the credential this connection was opened with still holds
    (the same order of credentials as socket_handlers._may_watch_queue)."""
    pairing = session.get(TABLET_KEY)
    if pairing is not None:
        return lambda office: tablets.paired_counter(office, pairing) is not None
    token = _bearer(auth)
    if token:
        return lambda office: principal_for_bearer_token(office, token) is not None
    user_id, web_token = session.get("user_id"), session.get(WEB_TOKEN_KEY)
    if isinstance(user_id, int) and isinstance(web_token, str):
        def staff_holds(office: Office) -> bool:
            principal = principal_for_token(office, web_token)
            return principal is not None and principal.user_id == user_id
        return staff_holds
    device_id = session.get("device_id")
    if isinstance(device_id, int):
        return lambda office: principal_for_device(office, device_id) is not None
    return None


def _bearer(auth: Any) -> str | None:
    if isinstance(auth, dict) and isinstance(auth.get("token"), str):
        return str(auth["token"])
    header = request.headers.get("Authorization", "")
    return header[7:].strip() if header.lower().startswith("bearer ") else None
