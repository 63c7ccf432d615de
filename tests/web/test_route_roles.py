"""Every view declares who may call it, and every role is refused where it does not belong."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import requests
from flask import Flask
from werkzeug.routing import AnyConverter, IntegerConverter, Rule

from antrean.config import load_settings
from antrean.core.access import Role
from antrean.web.auth import PUBLIC
from run import build_app
from tests.support.configs import write_config
from tests.support.live_server import PASSWORD, LiveServer

ROLES = [role.value for role in Role]


@pytest.fixture
def app(tmp_path: Path) -> Flask:
    settings = load_settings(write_config(tmp_path))
    return build_app(settings, f"sqlite:///{tmp_path / 'routes.sqlite3'}")


def guarded_rules(app: Flask) -> Iterator[tuple[Rule, tuple[str, ...]]]:
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static" or rule.endpoint.endswith(".static"):
            continue
        roles = app.view_functions[rule.endpoint].allowed_roles
        if roles != PUBLIC:
            yield rule, tuple(str(role) for role in roles)


def test_every_view_declares_its_allowed_roles(app: Flask) -> None:
    undeclared = [
        rule.rule for rule in app.url_map.iter_rules()
        if not (rule.endpoint == "static" or rule.endpoint.endswith(".static"))
        and not hasattr(app.view_functions[rule.endpoint], "allowed_roles")
    ]
    assert undeclared == []


def example_path(rule: Rule) -> str:
    values: dict[str, object] = {}
    for name, converter in rule._converters.items():
        if isinstance(converter, AnyConverter):
            values[name] = sorted(converter.items)[0]
        elif isinstance(converter, IntegerConverter):
            values[name] = 999  # nothing real: no side effects such as revoking
        else:
            values[name] = "x"
    return rule.build(values, append_unknown=False)[1]  # type: ignore[index]


@pytest.fixture
def server(start_server: Callable[..., LiveServer]) -> LiveServer:
    return start_server()


def credentials(server: LiveServer) -> dict[str | None, dict[str, str]]:
    """A bearer header per role: users log in, devices use their token."""
    headers: dict[str | None, dict[str, str]] = {None: {}}
    for role in ("admin", "petugas"):
        server.create_user(f"user_{role}", PASSWORD, role)
        headers[role] = server.login(f"user_{role}", PASSWORD)
    for role in ("kiosk", "display"):
        headers[role] = {"Authorization": f"Bearer {server.create_device(role)}"}
    return headers


def test_each_role_is_refused_where_it_does_not_belong(app: Flask, server: LiveServer) -> None:
    headers = credentials(server)
    checked = 0
    # Logging out revokes the token used, so it goes last.
    for rule, allowed in sorted(guarded_rules(app), key=lambda r: r[0].endpoint == "api.logout"):
        path = example_path(rule)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):  # type: ignore[operator]
            for role in [None, *ROLES]:
                response = requests.request(method, server.url + path, json={}, timeout=10,
                                            headers=headers[role], allow_redirects=False)
                where = f"{method} {path} as {role}"
                if role is None:  # 403: a form POST without a session fails CSRF first
                    assert response.status_code in (401, 403) or (
                        response.status_code == 302
                        and "/console/login" in response.headers["Location"]), where
                elif role not in allowed:
                    assert response.status_code == 403, where
                else:
                    assert response.status_code not in (401, 403), where
                checked += 1
    assert checked >= 50  # the table really covered the API


def test_a_revoked_device_token_is_refused(server: LiveServer) -> None:
    server.create_user("kepala", PASSWORD, "admin")
    admin = server.login("kepala", PASSWORD)
    created = requests.post(f"{server.url}/api/v1/devices", headers=admin, timeout=10,
                            json={"name": "TV Lobi", "role": "display"})
    assert created.status_code == 201
    device = created.json()
    as_device = {"Authorization": f"Bearer {device['token']}"}
    assert requests.get(f"{server.url}/api/v1/devices", headers=as_device,
                        timeout=10).status_code == 403
    listed = requests.get(f"{server.url}/api/v1/devices", headers=admin, timeout=10).json()
    assert [d["name"] for d in listed] == ["TV Lobi"]
    assert "token" not in listed[0] and "token_hash" not in listed[0]
    revoked = requests.post(f"{server.url}/api/v1/devices/{device['id']}/revoke",
                            headers=admin, timeout=10)
    assert revoked.json()["revoked_at"] is not None
    assert requests.get(f"{server.url}/api/v1/devices", headers=as_device,
                        timeout=10).status_code == 401
    assert requests.get(server.pair_url(device["token"]), timeout=10).status_code == 403
