"""Only a paired TV, a kiosk or staff may watch the whole queue on /display; /track is open."""

from __future__ import annotations

import pytest

from antrean.core.access import Role
from tests.support.app import AppUnderTest, events_named


@pytest.fixture
def office(app_under_test: AppUnderTest) -> AppUnderTest:
    app_under_test.add_user("siti", Role.PETUGAS)
    return app_under_test


def test_a_stranger_cannot_open_the_display_feed(office: AppUnderTest) -> None:
    for auth in (None, {"token": "tebakan-acak"}):
        assert not office.socket("/display", client=office.client(), auth=auth).is_connected(
            "/display")


def test_a_paired_tv_browser_session_opens_the_feed(office: AppUnderTest) -> None:
    tv = office.client()
    paired = tv.get(f"/devices/pair?token={office.add_device(Role.DISPLAY)}")
    assert paired.status_code == 302 and paired.headers["Location"] == "/display/"
    screen = office.socket("/display", client=tv)
    assert [s["office"]["name"] for s in events_named(screen, "snapshot")] == \
        ["Kecamatan Uji Coba"]


@pytest.mark.parametrize("how", ["session", "token"])
def test_staff_open_the_feed_by_session_or_token(office: AppUnderTest, how: str) -> None:
    if how == "session":
        screen = office.socket("/display", client=office.signed_in("siti"))
    else:
        token = office.bearer("siti")["Authorization"].split()[1]
        screen = office.socket("/display", client=office.client(), auth={"token": token})
    assert screen.is_connected("/display")
    assert "services" in events_named(screen, "snapshot")[0]


def test_a_bad_pairing_link_pairs_nothing(office: AppUnderTest) -> None:
    browser = office.client()
    response = browser.get("/devices/pair?token=bukan-kode")
    assert response.status_code == 403
    assert "Kode pemasangan tidak berlaku" in response.text
    assert not office.socket("/display", client=browser).is_connected("/display")


def test_the_track_feed_stays_public(office: AppUnderTest) -> None:
    ticket = office.client().post("/api/v1/tickets", json={"service": "KTP"}).get_json()
    phone = office.socket("/track", client=office.client())
    followed = phone.emit("follow", {"id": ticket["id"]}, namespace="/track", callback=True)
    assert followed["ticket"]["number"] == "A-001"


def test_revoking_a_tv_shuts_out_its_paired_browser(office: AppUnderTest) -> None:
    office.add_user("kepala", Role.ADMIN)
    admin = office.bearer("kepala")
    api = office.client()
    device = api.post("/api/v1/devices", headers=admin,
                      json={"name": "TV Lobi", "role": "display"}).get_json()
    tv = office.client()
    tv.get(device["pair_url"])
    assert office.socket("/display", client=tv).is_connected("/display")
    api.post(f"/api/v1/devices/{device['id']}/revoke", headers=admin)
    assert not office.socket("/display", client=tv).is_connected("/display")
    actions = [e["action"] for e in api.get("/api/v1/audit", headers=admin).get_json()]
    assert actions[:2] == ["device_revoked", "device_created"]


def test_a_survey_tablet_paired_by_a_petugas_follows_the_feed(office: AppUnderTest) -> None:
    tablet = office.signed_in("siti")
    paired = tablet.post("/survei/loket/1/pasangkan")
    assert paired.status_code == 302
    assert tablet.get("/api/v1/print-jobs").status_code == 401
    screen = office.socket("/display", client=tablet)
    assert "services" in events_named(screen, "snapshot")[0]
