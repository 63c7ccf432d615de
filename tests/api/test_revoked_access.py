"""Revoked access stays out (issue 11, defect 7): an open /display connection of a revoked
TV, a deactivated petugas or a revoked survey tablet ends within seconds; tablet pairings die
with their petugas, are listed and revocable in /admin, and a pairing link pairs one browser
or expires; logging out with a device token says what it did."""

from __future__ import annotations

import re
import time

import pytest
from flask.testing import FlaskClient
from flask_socketio import SocketIOTestClient

from antrean.core.access import Role
from tests.support.app import AppUnderTest, csrf_from

WITHIN_SECONDS = 5.0


@pytest.fixture
def office(app_under_test: AppUnderTest) -> AppUnderTest:
    app_under_test.add_user("kepala", Role.ADMIN)
    app_under_test.add_user("siti", Role.PETUGAS)
    return app_under_test


def disconnected_within(screen: SocketIOTestClient, seconds: float = WITHIN_SECONDS) -> bool:
    deadline = time.monotonic() + seconds
    while screen.is_connected("/display"):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def admin_form(admin: FlaskClient, action: str, **fields: str) -> str:
    token = csrf_from(admin.get("/admin/perangkat").text)
    response = admin.post(action, data={"csrf_token": token, **fields}, follow_redirects=True)
    assert response.status_code < 400, response.text
    return response.text


def test_an_open_tv_connection_ends_when_its_device_is_revoked(office: AppUnderTest) -> None:
    admin = office.bearer("kepala")
    api = office.client()
    device = api.post("/api/v1/devices", headers=admin,
                      json={"name": "TV Lobi", "role": "display"}).get_json()
    by_cookie = office.client()
    by_cookie.get(device["pair_url"])
    screens = [office.socket("/display", client=by_cookie),
               office.socket("/display", client=office.client(), auth={"token": device["token"]})]
    assert all(screen.is_connected("/display") for screen in screens)
    api.post(f"/api/v1/devices/{device['id']}/revoke", headers=admin)
    assert all(disconnected_within(screen) for screen in screens)


def test_an_open_staff_connection_ends_when_the_petugas_is_deactivated(
        office: AppUnderTest) -> None:
    siti_id = office.add_user("budi", Role.PETUGAS)
    token = office.bearer("budi")["Authorization"].split()[1]
    screens = [office.socket("/display", client=office.signed_in("budi")),
               office.socket("/display", client=office.client(), auth={"token": token})]
    other = office.socket("/display", client=office.signed_in("siti"))
    admin = office.signed_in("kepala")
    token = csrf_from(admin.get("/admin/pengguna").text)
    admin.post(f"/admin/pengguna/{siti_id}/nonaktifkan", data={"csrf_token": token})
    assert all(disconnected_within(screen) for screen in screens)
    assert other.is_connected("/display")  # nobody else is cut off


def pair_tablet(office: AppUnderTest, petugas: str = "siti", loket: int = 1) -> FlaskClient:
    tablet = office.signed_in(petugas)
    assert tablet.post(f"/survei/loket/{loket}/pasangkan").status_code == 302
    return tablet


def test_a_tablet_pairing_dies_with_its_petugas(office: AppUnderTest) -> None:
    siti_id = office.add_user("wati", Role.PETUGAS)
    tablet = pair_tablet(office, "wati")
    screen = office.socket("/display", client=tablet)
    assert tablet.get("/survei/loket/1").status_code == 200
    admin = office.signed_in("kepala")
    token = csrf_from(admin.get("/admin/pengguna").text)
    admin.post(f"/admin/pengguna/{siti_id}/nonaktifkan", data={"csrf_token": token})
    assert disconnected_within(screen)
    assert tablet.get("/survei/loket/1").status_code == 403
    assert tablet.get("/survei/loket/1/status").status_code == 403
    assert "Belum ada tablet survei" in admin.get("/admin/perangkat").text


def test_tablets_are_listed_and_revocable_in_admin(office: AppUnderTest) -> None:
    tablet = pair_tablet(office, loket=2)
    screen = office.socket("/display", client=tablet)
    admin = office.signed_in("kepala")
    page = admin.get("/admin/perangkat").text
    pairing_id = re.search(r'data-tablet="(\d+)"', page)
    assert pairing_id is not None and "siti" in page
    admin_form(admin, f"/admin/perangkat/tablet/{pairing_id.group(1)}/cabut")
    assert disconnected_within(screen)
    assert tablet.get("/survei/loket/2").status_code == 403
    audit = [e["action"] for e in office.client().get(
        "/api/v1/audit", headers=office.bearer("kepala")).get_json()]
    assert audit[:2] == ["tablet_revoked", "tablet_paired"]


def test_a_tablet_pairing_link_pairs_one_browser_or_expires(office: AppUnderTest) -> None:
    admin = office.signed_in("kepala")
    page = admin_form(admin, "/admin/perangkat/tablet", counter="1")
    link = re.search(r'id="tablet-url" readonly value="([^"]+)"', page)
    assert link is not None
    path = link.group(1).split("localhost", 1)[1]

    def open_link(browser: FlaskClient) -> int:
        form = browser.get(path)
        code = re.search(r'name="kode" value="([^"]+)"', form.text)
        assert code is not None
        return browser.post("/survei/tablet/pasang", data={
            "csrf_token": csrf_from(form.text), "kode": code.group(1)}).status_code

    first, second = office.client(), office.client()
    assert open_link(first) == 302
    assert first.get("/survei/loket/1").status_code == 200
    assert open_link(second) == 410  # spent: one browser only
    assert second.get("/survei/loket/1").status_code == 403

    late = admin_form(admin, "/admin/perangkat/tablet", counter="1")
    link = re.search(r'id="tablet-url" readonly value="([^"]+)"', late)
    assert link is not None
    path = link.group(1).split("localhost", 1)[1]
    office.clock.advance(minutes=31)
    assert open_link(office.client()) == 410


def test_logout_says_what_it_did(office: AppUnderTest) -> None:
    api = office.client()
    device_token = office.add_device(Role.DISPLAY)
    refused = api.post("/api/v1/auth/logout",
                       headers={"Authorization": f"Bearer {device_token}"})
    assert refused.status_code == 409
    assert refused.get_json()["error"] == "device_token_not_revoked"
    assert "admin" in refused.get_json()["message"]
    assert api.get("/api/v1/queue", headers={"Authorization": f"Bearer {device_token}"}) \
        .status_code == 200
    staff = office.bearer("siti")
    ended = api.post("/api/v1/auth/logout", headers=staff)
    assert ended.status_code == 200 and ended.get_json()["ended"] == "token"
    assert ended.get_json()["message"]
    assert api.get("/api/v1/print-jobs", headers=staff).status_code == 401
