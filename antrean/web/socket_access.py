"""Live connections end when their access does: a TV whose device is revoked, a petugas who
is deactivated or signed out, a survey tablet whose pairing is revoked.

Each process watches its /display connections and, every SWEEP_SECONDS, checks again the
credential each one was opened with, straight from the database: one task per process for
every office's watch, one read transaction per office for all its screens (held_credentials),
so a revocation made on any process ends the connections here within about SWEEP_SECONDS,
whether or not the message queue is up. A check per screen through the two-second principal
cache, and a task per office, were most of a deployment's CPU with its screens idle
(bench.deployment_offices --hold, py-spy).
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from flask import Flask, request, session
from flask_socketio import SocketIO

from antrean.realtime.socket import DISPLAY_NAMESPACE
from antrean.usecases.access.held_credentials import (
    Credential,
    DeviceSession,
    TabletPairing,
    bearer_token,
    staff_session,
    still_held,
)
from antrean.usecases.context import Office
from antrean.web.auth import WEB_TOKEN_KEY
from antrean.web.office import EXTENSION_KEY
from antrean.web.survey_pages import TABLET_KEY

log = logging.getLogger(__name__)

SWEEP_SECONDS = 2.0


class ConnectionWatch:
    """One office's /display connections on this process and the credential each holds."""

    def __init__(self, socketio: SocketIO, office: Office) -> None:
        self._socketio = socketio
        self._office = office
        self._credentials: dict[str, Credential] = {}
        self._lock = threading.Lock()

    def watch(self, sid: str, credential: Credential) -> None:
        with self._lock:
            self._credentials[sid] = credential
        process_sweep(self._socketio).add(self)

    def forget(self, sid: str) -> None:
        with self._lock:
            self._credentials.pop(sid, None)

    def stop(self) -> None:
        """Watch nothing more: the sweep drops this watch (the app is being shut down)."""
        with self._lock:
            self._credentials.clear()

    def watching(self) -> bool:
        with self._lock:
            return bool(self._credentials)

    def sweep(self) -> list[str]:
        """Disconnect every watched connection whose access is gone; returns their sids."""
        with self._lock:
            watched = list(self._credentials.items())
        if not watched:
            return []
        try:
            held = still_held(self._office, {credential for _, credential in watched})
        except Exception as error:  # noqa: BLE001 - the database is down: keep the screens
            # One line, no traceback: while the database is down this repeats every sweep
            # for every office, and formatting tracebacks from this thread raced the main
            # thread's ast.parse on CPython 3.11 ("AST constructor recursion depth mismatch").
            log.warning("cannot check connections' access now: %s: %s",
                        type(error).__name__, str(error).splitlines()[0] if str(error) else "")
            return []
        ended = [sid for sid, credential in watched if credential not in held]
        for sid in ended:
            self.forget(sid)
            self._socketio.server.disconnect(sid, namespace=DISPLAY_NAMESPACE)
        if ended:
            log.info("ended %d connection(s) whose access was revoked", len(ended))
        return ended


class ProcessSweep:
    """The one task of a process that sweeps every office's watch in turn; it ends when
    nothing is watched (a test's app, offices with no screens open) and starts again with
    the next connection."""

    def __init__(self, socketio: SocketIO) -> None:
        self._socketio = socketio
        self._watches: set[ConnectionWatch] = set()
        self._lock = threading.Lock()
        self._running = False

    def add(self, watch: ConnectionWatch) -> None:
        with self._lock:
            self._watches.add(watch)
            start = not self._running
            self._running = True
        if start:
            self._socketio.start_background_task(self._sweep_forever)

    def sweep(self) -> list[str]:
        """Sweep every watch once; returns the sids ended."""
        with self._lock:
            watches = list(self._watches)
        ended = []
        for watch in watches:
            try:
                ended += watch.sweep()
            except Exception:  # one office's trouble must not end every office's sweep
                log.exception("an office's connection sweep failed; the next one retries")
        return ended

    def _sweep_forever(self) -> None:
        while True:
            self._socketio.sleep(SWEEP_SECONDS)
            self.sweep()
            with self._lock:
                self._watches = {watch for watch in self._watches if watch.watching()}
                if not self._watches:
                    self._running = False
                    return


_SWEEPS: dict[SocketIO, ProcessSweep] = {}  # the process's SocketIO is one, global
_SWEEPS_LOCK = threading.Lock()


def process_sweep(socketio: SocketIO) -> ProcessSweep:
    with _SWEEPS_LOCK:
        if socketio not in _SWEEPS:
            _SWEEPS[socketio] = ProcessSweep(socketio)
        return _SWEEPS[socketio]


def init_connection_watch(app: Flask, socketio: SocketIO) -> None:
    app.extensions[WATCH_KEY] = ConnectionWatch(socketio, app.extensions[EXTENSION_KEY])


WATCH_KEY = "antrean_connection_watch"


def connection_watch(app: Flask) -> ConnectionWatch:
    watch: ConnectionWatch = app.extensions[WATCH_KEY]
    return watch


def connection_credential(auth: Any) -> Credential | None:
    """The credential this connection was opened with, to ask again whether it holds (the
    same order of credentials as socket_handlers._may_watch_queue)."""
    pairing = session.get(TABLET_KEY)
    if pairing is not None:
        return TabletPairing(pairing if isinstance(pairing, int) else 0)  # 0 never holds
    token = _bearer(auth)
    if token:
        return bearer_token(token)
    user_id, web_token = session.get("user_id"), session.get(WEB_TOKEN_KEY)
    if isinstance(user_id, int) and isinstance(web_token, str):
        return staff_session(web_token, user_id)
    device_id = session.get("device_id")
    if isinstance(device_id, int):
        return DeviceSession(device_id)
    return None


def _bearer(auth: Any) -> str | None:
    if isinstance(auth, dict) and isinstance(auth.get("token"), str):
        return str(auth["token"])
    header = request.headers.get("Authorization", "")
    return header[7:].strip() if header.lower().startswith("bearer ") else None
