"""A deployment of several offices: `/kantor/<code>/...` is served by that office's own app.

Each office gets a Flask app of its own, made on first use (every process finds the offices
another process registered), with its own database, session cookie and Socket.IO rooms, on
the one Socket.IO server (and Redis channel) of the root app. The app sees the office's path
as its script root, so its pages, redirects and scripts stay inside the office.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import socketio as python_socketio
from flask import Flask
from werkzeug.wrappers import Response

from antrean.config import DeploymentOffice
from antrean.core.errors import DomainError
from antrean.core.offices import office_path, split_office_path
from antrean.usecases.context import Office
from antrean.usecases.setup.offices import registered_office, registered_offices

log = logging.getLogger(__name__)

OFFICE_APPS_KEY = "antrean.office_apps"

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


@dataclass
class OfficeApps:
    """The offices' apps of this process, by code; `make` builds one from its register entry."""

    root: Office
    make: Callable[[DeploymentOffice], Flask]
    # Called with each new app (run.py starts the office's background work there).
    on_made: list[Callable[[Flask], None]] = field(default_factory=list)
    _apps: dict[str, Flask] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def app_for(self, code: str) -> Flask | None:
        """The office's app; None when no office has that code."""
        app = self._apps.get(code)
        if app is not None:
            return app
        with self._lock:  # one process makes each office once
            app = self._apps.get(code)
            if app is None:
                entry = registered_office(self.root, code)
                if entry is None:
                    return None
                app = self._apps[code] = self.make(entry)
                for started in self.on_made:
                    started(app)
        return app

    def open_all(self) -> None:
        """Make every registered office's app (at start, so their background work runs)."""
        for entry in registered_offices(self.root):
            try:
                self.app_for(entry.code)
            except Exception:  # one broken office must not keep the others down
                log.exception("office %s could not start", entry.code)

    def made(self) -> dict[str, Flask]:
        return dict(self._apps)

    def any_made(self) -> bool:
        """Whether this process serves other offices yet (asked on every publish: no copy)."""
        return bool(self._apps)


class OfficeDirectory:
    """WSGI: `/kantor/<code>/rest` to the office's app (script root `/kantor/<code>`), every
    other path (and an unknown office, which then gets the root's Indonesian 404) to `root`."""

    def __init__(self, root: WSGIApp, offices: OfficeApps) -> None:
        self._root = root
        self._offices = offices

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        found = split_office_path(environ.get("PATH_INFO", ""))
        if found is None:
            return self._root(environ, start_response)
        code, rest = found
        try:
            app = self._offices.app_for(code)
        except DomainError as error:  # the database is down: the screen retries by itself
            return Response(error.message, 503, mimetype="text/plain")(environ, start_response)
        if app is None:
            return self._root(environ, start_response)
        environ["SCRIPT_NAME"] = environ.get("SCRIPT_NAME", "") + office_path(code)
        environ["PATH_INFO"] = rest or "/"
        return app.wsgi_app(environ, start_response)


class SharedSocketIO(python_socketio.WSGIApp):  # type: ignore[misc]
    """An office app's Socket.IO endpoint on the root's server: as Flask-SocketIO does for the
    app it was initialised with, the connection's environ names the app its handlers run in."""

    def __init__(self, server: Any, app: Flask) -> None:
        self._flask_app = app
        super().__init__(server, app.wsgi_app, socketio_path="socket.io")

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        environ = environ.copy()
        environ["flask.app"] = self._flask_app
        return super().__call__(environ, start_response)
