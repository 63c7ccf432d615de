"""The whole app in-process: Flask's test client and Flask-SocketIO's test client on a per-test
database, with a clock the test moves by hand. No server process, no port, no subprocess.

Use it for HTTP and Socket.IO behaviour; keep real server processes (tests.support.live_server)
for what needs them: Chromium, several processes, PostgreSQL/Redis faults and kill -9.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from flask import Flask
from flask.testing import FlaskClient
from flask_socketio import SocketIOTestClient

from antrean.config import load_settings
from antrean.core.access import Role
from antrean.realtime.socket import socketio
from antrean.usecases.access.accounts import create_user
from antrean.usecases.access.devices import create_device
from antrean.usecases.context import Office
from antrean.web.app import create_app
from antrean.web.deployment import OFFICE_APPS_KEY
from antrean.web.office import EXTENSION_KEY
from antrean.web.socket_access import connection_watch
from display.views import blueprint as display_blueprint
from kiosk.views import blueprint as kiosk_blueprint
from tests.support.cheap_setup import share_compiled_templates
from tests.support.clock import ManualClock
from tests.support.configs import write_config
from tests.support.databases import start_from_migrated
from tests.support.live_server import PASSWORD

SESSION_COOKIE = "session"  # Flask's default name, which the app keeps
START = datetime(2026, 11, 23, 9, 0)  # a Monday morning, inside every test service's hours


@dataclass
class AppUnderTest:
    """One office's app with its database, clock and helpers to act as each kind of user."""

    app: Flask
    clock: ManualClock
    config: Path
    database_url: str
    _sockets: list[SocketIOTestClient] = field(default_factory=list)

    @property
    def office(self) -> Office:
        office: Office = self.app.extensions[EXTENSION_KEY]
        return office

    def client(self, session_of: FlaskClient | None = None) -> FlaskClient:
        """A fresh browser: its own cookie jar; with `session_of`, holding a copy of that
        browser's session cookie as it is now (a copied cookie, a stale tab)."""
        browser = self.app.test_client()
        cookie = session_of.get_cookie(SESSION_COOKIE) if session_of is not None else None
        if cookie is not None:
            browser.set_cookie(SESSION_COOKIE, cookie.value)
        return browser

    def socket(self, namespace: str = "/display", client: FlaskClient | None = None,
               auth: dict[str, Any] | None = None) -> SocketIOTestClient:
        """A Socket.IO connection; with `client`, it carries that browser's cookies."""
        test_client = socketio.test_client(self.app, namespace=namespace, auth=auth,
                                           flask_test_client=client)
        self._sockets.append(test_client)
        return test_client

    def add_user(self, username: str, role: Role | str = Role.PETUGAS,
                 display_name: str = "") -> int:
        """A staff account with the shared test password, created through the use case."""
        principal = create_user(self.office, username, PASSWORD, str(role),
                                display_name=display_name)
        assert principal.user_id is not None
        return principal.user_id

    def add_device(self, role: Role | str = Role.DISPLAY, name: str = "") -> str:
        """A paired TV or kiosk; returns its token."""
        _, token = create_device(self.office, name or f"{role} uji", str(role))
        return token

    def bearer(self, username: str, password: str = PASSWORD) -> dict[str, str]:
        """Authorization headers of a fresh API token for `username`."""
        response = self.client().post("/api/v1/auth/login",
                                      json={"username": username, "password": password})
        assert response.status_code == 200, response.get_json()
        return {"Authorization": f"Bearer {response.get_json()['token']}"}

    def signed_in(self, username: str, password: str = PASSWORD) -> FlaskClient:
        """A browser signed in through the login form, with the CSRF header set for the API."""
        browser = self.client()
        form = browser.get("/console/login")
        response = browser.post("/console/login", data={
            "username": username, "password": password, "csrf_token": csrf_from(form.text)})
        assert response.status_code == 302, response.text
        browser.environ_base["HTTP_X_CSRF_TOKEN"] = csrf_from(browser.get("/console/login").text)
        return browser

    def paired(self, role: Role | str = Role.DISPLAY) -> FlaskClient:
        """A browser paired as a TV or kiosk through its pairing link."""
        browser = self.client()
        response = browser.get(f"/devices/pair?token={self.add_device(role)}")
        assert response.status_code in (200, 302), response.text
        return browser

    def served_ticket(self, staff: dict[str, str], counter: int = 1, service: str = "KTP",
                      finish: bool = True) -> str:
        """Issue through the public API; the petugas behind `staff` calls and starts it at
        `counter` and (unless `finish` is False) finishes it. Returns its public id."""
        api = self.client()
        ticket = api.post("/api/v1/tickets", json={"service": service}).get_json()
        called = api.post(f"/api/v1/counters/{counter}/call-next", headers=staff)
        assert called.get_json()["id"] == ticket["id"], called.text
        for action in ("start", "finish") if finish else ("start",):
            done = api.post(f"/api/v1/tickets/{ticket['id']}/{action}", headers=staff)
            assert done.status_code == 200, done.text
        return str(ticket["id"])

    def close(self) -> None:
        for test_client in self._sockets:
            if test_client.is_connected():
                test_client.disconnect()
        # A client a test made itself may still be watched: its sweep would outlive the
        # test's database and retry it every second for the rest of the run. So may one of
        # the deployment's other offices (web.deployment), made on first use.
        offices = self.app.extensions[OFFICE_APPS_KEY].made().values()
        for app in (self.app, *offices):
            connection_watch(app).stop()
        for app in offices:
            engine = app.extensions[EXTENSION_KEY].sessions.kw["bind"]
            if engine.dialect.name == "sqlite":  # on PostgreSQL the root's pool is theirs
                engine.dispose()


def csrf_from(html: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    if match is None:
        raise AssertionError("no CSRF token in the page")
    return match.group(1)


def events_named(test_client: SocketIOTestClient, name: str,
                 namespace: str = "/display") -> list[Any]:
    """The payloads of every `name` event received since the last call (others are dropped)."""
    return [event["args"][0] if event["args"] else None
            for event in test_client.get_received(namespace) if event["name"] == name]


AppFactory = Callable[..., AppUnderTest]


@pytest.fixture
def make_app(tmp_path: Path) -> Iterator[AppFactory]:
    """Build the app in-process: `make_app(database_url=None, at=None, config_dir=None,
    **config)`; the config keywords are those of tests.support.configs.write_config (async mode
    is threading). With `config_dir` holding a config.toml already, that one is used, as
    `start_server(config_dir=...)` does: pass an earlier app's `config.parent` and
    `database_url` to start the same office again, as after a restart."""
    built: list[AppUnderTest] = []

    def build(database_url: str | None = None, at: datetime | None = None,
              config_dir: Path | None = None, timezone: str = "Asia/Makassar",
              **config: Any) -> AppUnderTest:
        directory = config_dir or tmp_path / f"app{len(built)}"
        directory.mkdir(exist_ok=True)
        config_path = directory / "config.toml"
        if not config_path.exists():
            write_config(directory, timezone=timezone, **config)
        settings = load_settings(config_path)
        zone = ZoneInfo(settings.office.timezone)
        clock = ManualClock(at or START.replace(tzinfo=zone))
        url = database_url or f"sqlite:///{directory / 'antrean.sqlite3'}"
        start_from_migrated(url)
        app = create_app(settings, url, blueprints=[display_blueprint, kiosk_blueprint],
                         now=clock)
        app.config["TESTING"] = True
        share_compiled_templates(app)
        under_test = AppUnderTest(app=app, clock=clock, config=config_path, database_url=url)
        built.append(under_test)
        return under_test

    yield build
    for under_test in built:
        under_test.close()
        under_test.office.sessions.kw["bind"].dispose()


@pytest.fixture
def app_under_test(make_app: AppFactory) -> AppUnderTest:
    """The test office on SQLite, in-process."""
    return make_app()
