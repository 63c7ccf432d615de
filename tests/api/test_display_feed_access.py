"""Only a paired TV, a kiosk or staff may watch the whole queue on /display; /track is open."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import requests
import socketio

from tests.support.live_server import PASSWORD, LiveServer
from tests.support.socket_client import ScreenClient, cookie_header


@pytest.fixture
def server(start_server: Callable[..., LiveServer]) -> LiveServer:
    return start_server().with_users(siti="petugas")


def test_a_stranger_cannot_open_the_display_feed(server: LiveServer) -> None:
    for token in (None, "tebakan-acak"):
        with pytest.raises(socketio.exceptions.ConnectionError):
            ScreenClient(server.url, token=token)


def test_a_paired_tv_browser_session_opens_the_feed(server: LiveServer) -> None:
    tv = requests.Session()
    paired = tv.get(server.pair_url(server.create_device("display")), allow_redirects=False,
                    timeout=10)
    assert paired.status_code == 302 and paired.headers["Location"] == "/display/"
    screen = ScreenClient(server.url, headers=cookie_header(tv))
    try:
        assert screen.wait_for("snapshot")["office"]["name"] == "Kecamatan Uji Coba"
    finally:
        screen.close()


@pytest.mark.parametrize("how", ["session", "token"])
def test_staff_open_the_feed_by_session_or_token(server: LiveServer, how: str) -> None:
    if how == "session":
        screen = ScreenClient(server.url, headers=cookie_header(server.web_session("siti",
                                                                                   PASSWORD)))
    else:
        token = server.login("siti", PASSWORD)["Authorization"].split()[1]
        screen = ScreenClient(server.url, token=token)
    try:
        assert "services" in screen.wait_for("snapshot")
    finally:
        screen.close()


def test_a_bad_pairing_link_pairs_nothing(server: LiveServer) -> None:
    browser = requests.Session()
    response = browser.get(server.pair_url("bukan-kode"), timeout=10)
    assert response.status_code == 403
    assert "Kode pemasangan tidak berlaku" in response.text
    with pytest.raises(socketio.exceptions.ConnectionError):
        ScreenClient(server.url, headers=cookie_header(browser))


def test_the_track_feed_stays_public(server: LiveServer) -> None:
    ticket = requests.post(f"{server.url}/api/v1/tickets", json={"service": "KTP"},
                           timeout=10).json()
    phone = ScreenClient(server.url, namespace="/track")
    try:
        assert phone.call("follow", {"id": ticket["id"]})["ticket"]["number"] == "A-001"
    finally:
        phone.close()


def test_revoking_a_tv_shuts_out_its_paired_browser(server: LiveServer) -> None:
    server.create_user("kepala", PASSWORD, "admin")
    admin = server.login("kepala", PASSWORD)
    device = requests.post(f"{server.url}/api/v1/devices", headers=admin, timeout=10,
                           json={"name": "TV Lobi", "role": "display"}).json()
    tv = requests.Session()
    tv.get(device["pair_url"], timeout=10)
    ScreenClient(server.url, headers=cookie_header(tv)).close()
    requests.post(f"{server.url}/api/v1/devices/{device['id']}/revoke", headers=admin,
                  timeout=10)
    with pytest.raises(socketio.exceptions.ConnectionError):
        ScreenClient(server.url, headers=cookie_header(tv))
    actions = [e["action"] for e in requests.get(f"{server.url}/api/v1/audit", headers=admin,
                                                 timeout=10).json()]
    assert actions[:2] == ["device_revoked", "device_created"]


def test_a_survey_tablet_paired_by_a_petugas_follows_the_feed(server: LiveServer) -> None:
    tablet = server.web_session("siti", PASSWORD)
    paired = tablet.post(f"{server.url}/survei/loket/1/pasangkan", timeout=10,
                         allow_redirects=False)
    assert paired.status_code == 302
    assert tablet.get(f"{server.url}/api/v1/print-jobs", timeout=10).status_code == 401
    screen = ScreenClient(server.url, headers=cookie_header(tablet))
    try:
        assert "services" in screen.wait_for("snapshot")
    finally:
        screen.close()
