"""One click in /admin pairs a TV or kiosk: a short, single-use, expiring link with its QR."""

from __future__ import annotations

import re

import pytest
from flask.testing import FlaskClient

from antrean.core.access import Role
from antrean.usecases.access import audit
from antrean.usecases.access.devices import list_devices
from tests.support.app import AppFactory, AppUnderTest, csrf_from


@pytest.fixture
def office(app_under_test: AppUnderTest) -> AppUnderTest:
    app_under_test.add_user("kepala", Role.ADMIN)
    app_under_test.add_user("siti", Role.PETUGAS)
    return app_under_test


def new_link(admin: FlaskClient, role: str = "kiosk", name: str = "") -> tuple[str, str]:
    """Press "Pasangkan kios" (or TV); returns the link's path and the page."""
    page = admin.post("/admin/perangkat/tautan", data={"role": role, "name": name})
    assert page.status_code == 201, page.text
    match = re.search(r'id="pair-url" href="http://localhost(/p/[A-Z0-9-]+)"', page.text)
    assert match is not None, page.text
    return match.group(1), page.text


def open_link(browser: FlaskClient, path: str) -> tuple[int, str]:
    """Open the link on the device and press "Pasangkan perangkat ini"."""
    page = browser.get(path)
    if page.status_code != 200:
        return page.status_code, page.text
    paired = browser.post(path, data={"csrf_token": csrf_from(page.text)})
    return paired.status_code, paired.location or paired.text


def test_one_click_shows_a_qr_code_and_a_short_link(office: AppUnderTest) -> None:
    admin = office.signed_in("kepala")
    path, page = new_link(admin)
    assert re.fullmatch(r"/p/[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}", path)
    assert "<svg" in page and "<path" in page  # the QR code, drawn by the server
    assert 'Kios "Kios 1"' in page and "berlaku 15 menit" in page
    assert 'id="local-only"' in page  # opened as localhost: no other device can reach it


def test_the_link_pairs_the_browser_that_opens_it_and_nobody_after(
        office: AppUnderTest) -> None:
    path, _ = new_link(office.signed_in("kepala"), name="Kios Pintu Utama")
    kiosk = office.client()
    assert kiosk.get("/kiosk/").status_code == 401  # not paired yet
    assert open_link(kiosk, path) == (302, "/kiosk/")
    assert kiosk.get("/kiosk/").status_code == 200
    [device] = list_devices(office.office)
    assert (device["name"], device["role"]) == ("Kios Pintu Utama", "kiosk")
    assert open_link(office.client(), path)[0] == 404  # single use
    assert len(list_devices(office.office)) == 1


def test_a_link_expires_after_fifteen_minutes(office: AppUnderTest) -> None:
    admin = office.signed_in("kepala")
    path, _ = new_link(admin, role="display")
    office.clock.advance(minutes=14)
    tv = office.client()
    page = tv.get(path)
    assert page.status_code == 200 and "sebagai layar TV" in page.text
    office.clock.advance(minutes=2)
    late = tv.post(path, data={"csrf_token": csrf_from(page.text)})
    assert late.status_code == 404 and "lewat 15 menit" in late.text
    assert list_devices(office.office) == []


def test_opening_the_link_spends_nothing_until_the_device_confirms(
        office: AppUnderTest) -> None:
    path, _ = new_link(office.signed_in("kepala"))
    for _ in range(3):  # a chat app's link preview, a prefetch...
        page = office.client().get(path)
        assert page.status_code == 200 and page.headers["Cache-Control"] == "no-store"
    assert open_link(office.client(), path) == (302, "/kiosk/")


def test_waiting_links_are_listed_and_can_be_cancelled(office: AppUnderTest) -> None:
    admin = office.signed_in("kepala")
    path, _ = new_link(admin, role="display")
    listing = admin.get("/admin/perangkat").text
    assert 'id="pending-links"' in listing and "Layar TV 1" in listing
    link_id = re.search(r'data-link="(\d+)"', listing)
    assert link_id is not None
    cancelled = admin.post(f"/admin/perangkat/tautan/{link_id.group(1)}/batal")
    assert cancelled.status_code == 302
    assert 'id="pending-links"' not in admin.get("/admin/perangkat").text
    assert open_link(office.client(), path)[0] == 404
    actions = [entry["action"] for entry in audit.recent_entries(office.office)]
    assert actions[:2] == [audit.PAIRING_LINK_CANCELLED, audit.PAIRING_LINK_CREATED]


def test_a_used_link_leaves_the_list_and_the_device_can_be_revoked(
        office: AppUnderTest) -> None:
    admin = office.signed_in("kepala")
    path, _ = new_link(admin, role="display")
    tv = office.client()
    assert open_link(tv, path) == (302, "/display/")
    listing = admin.get("/admin/perangkat").text
    assert 'id="pending-links"' not in listing and "Layar TV 1" in listing
    [device] = list_devices(office.office)
    admin.post(f"/admin/perangkat/{device['id']}/cabut")
    assert tv.get("/display/").status_code == 401


def test_only_an_admin_makes_links(office: AppUnderTest) -> None:
    petugas = office.signed_in("siti")
    assert petugas.post("/admin/perangkat/tautan", data={"role": "kiosk"}).status_code == 403
    admin = office.signed_in("kepala")
    wrong = admin.post("/admin/perangkat/tautan", data={"role": "admin"})
    assert wrong.status_code == 422 and "Pilih kios atau layar TV." in wrong.text


def test_guessing_links_is_slowed_down(make_app: AppFactory) -> None:
    office = make_app(failed_logins=3)
    office.add_user("kepala", Role.ADMIN)
    path, _ = new_link(office.signed_in("kepala"))
    guesser = office.client()
    for guess in ("/p/2222-2222", "/p/3333-3333", "/p/4444-4444"):
        assert guesser.get(guess).status_code == 404
    assert guesser.get(path).status_code == 429  # even the right one waits a minute
    office.clock.advance(seconds=61)
    assert open_link(guesser, path) == (302, "/kiosk/")


@pytest.mark.parametrize("path", ["/kiosk/", "/display/"])
def test_an_unpaired_browser_is_told_how_to_pair_not_sent_to_the_sign_in(
        office: AppUnderTest, path: str) -> None:
    page = office.client().get(path)
    assert page.status_code == 401
    assert "belum dipasangkan" in page.text and "Admin → Perangkat" in page.text
    assert re.search(r"<script(?![^>]*\bsrc=)", page.text) is None  # no inline script
    # Staff may still open both, and a program still gets JSON.
    assert office.signed_in("siti").get(path).status_code == 200
    assert office.client().get(path, json={}).get_json()["error"] == "unauthorized"
