"""A deployment of three offices for tests: the root office of the test config, and two
kecamatan under /kantor/astambul/ and /kantor/gambut/ (the second an hour ahead, in WIT)."""

from __future__ import annotations

from flask import Flask
from flask_socketio import SocketIOTestClient

from antrean.realtime.socket import socketio
from antrean.usecases.access.accounts import create_user
from antrean.usecases.access.devices import create_device
from antrean.usecases.context import Office
from antrean.web.deployment import OFFICE_APPS_KEY
from antrean.web.office import EXTENSION_KEY
from tests.support.app import AppUnderTest
from tests.support.live_server import PASSWORD

OFFICES = """
[deployment]
name = "Pemerintah Kabupaten Uji"

[[offices]]
code = "astambul"
name = "Kecamatan Astambul"
address = "Jl. Ahmad Yani Km 12"
timezone = "Asia/Makassar"

[[offices]]
code = "gambut"
name = "Kecamatan Gambut"
timezone = "Asia/Jayapura"
"""


def office_app(root: AppUnderTest, code: str) -> Flask:
    app = root.app.extensions[OFFICE_APPS_KEY].app_for(code)
    assert app is not None, code
    app.config["TESTING"] = True
    return app


def office_of(root: AppUnderTest, code: str) -> Office:
    office: Office = office_app(root, code).extensions[EXTENSION_KEY]
    return office


def add_user(office: Office, username: str, role: str, agency: str | None = None) -> None:
    create_user(office, username, PASSWORD, role, agency=agency)


def office_bearer(root: AppUnderTest, code: str, username: str) -> dict[str, str]:
    """A fresh API token of a user of office `code`, signed in through its own API."""
    response = root.client().post(f"/kantor/{code}/api/v1/auth/login",
                                  json={"username": username, "password": PASSWORD})
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.get_json()['token']}"}


def office_tv(root: AppUnderTest, code: str | None) -> SocketIOTestClient:
    """A paired TV of office `code` (None: the root office) on the shared Socket.IO server."""
    app = office_app(root, code) if code else root.app
    _, token = create_device(app.extensions[EXTENSION_KEY], f"TV {code or 'induk'}", "display")
    tv = socketio.test_client(app, namespace="/display", auth={"token": token})
    root._sockets.append(tv)
    return tv
