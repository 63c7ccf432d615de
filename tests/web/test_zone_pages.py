"""/admin/zona and the zone of each TV in /admin/perangkat: zones edited live, TVs follow."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from flask.testing import FlaskClient

import run
from antrean.config import load_settings
from antrean.core.access import Role
from antrean.usecases.access.devices import create_device, list_devices
from tests.support.app import AppFactory, AppUnderTest, csrf_from, events_named
from tests.support.zones import ZONES


@pytest.fixture
def office(make_app: AppFactory) -> AppUnderTest:
    return make_app(extra_tables=ZONES)


@pytest.fixture
def admin(office: AppUnderTest) -> FlaskClient:
    office.add_user("kepala", Role.ADMIN)
    return office.signed_in("kepala")


def post(admin: FlaskClient, path: str, **form: object) -> tuple[int, str]:
    """Submit a form; the page it shows (after the redirect, when it redirects)."""
    response = admin.post(path, data=form)
    location = response.headers.get("Location", "")
    return response.status_code, response.text if response.status_code != 302 else \
        admin.get(location).text


def test_a_zone_added_and_edited_on_the_page_reaches_its_tvs(
        office: AppUnderTest, admin: FlaskClient) -> None:
    status, page = post(admin, "/admin/zona/baru", code="loket1", name="Loket Satu",
                        counters=["1"], running_text="Antrean loket satu")
    assert status == 302 and "Zona Loket Satu ditambahkan" in page
    assert 'data-zone="loket1"' in page
    device, token = create_device(office.office, "TV Pojok", "display")
    status, page = post(admin, f"/admin/perangkat/{device['id']}/zona", zone="loket1")
    assert status == 302 and "TV Pojok sekarang menampilkan Loket Satu" in page
    tv = office.socket(auth={"token": token})
    snapshot = events_named(tv, "snapshot")[0]
    assert snapshot["running_text"] == "Antrean loket satu"
    status, _ = post(admin, "/admin/zona/loket1/ubah", name="Loket Satu", counters=["1", "2"])
    assert status == 302
    assert events_named(tv, "setup")  # the TV takes a fresh snapshot
    again = tv.emit("snapshot", None, namespace="/display", callback=True)
    assert [c["number"] for c in again["counters"]] == [1, 2]
    assert again["running_text"] == ""  # back to the office's (none in this office)


def test_bad_zones_are_refused_with_a_message(office: AppUnderTest, admin: FlaskClient) -> None:
    status, page = post(admin, "/admin/zona/baru", code="kosong", name="Kosong")
    assert status == 422 and "Pilih paling sedikit satu loket" in page
    assert 'value="Kosong"' in page  # what the admin typed stays
    status, page = post(admin, "/admin/zona/baru", code="utara", name="Lagi", counters=["1"])
    assert status == 422 and "zona &#39;utara&#39; sudah ada" in page
    status, page = post(admin, "/admin/zona/baru", code="x y", name="Spasi", counters=["1"])
    assert status == 422 and "Kode: hanya huruf" in page
    status, page = post(admin, "/admin/zona/baru", code="jauh", name="Jauh", counters=["9"])
    assert status == 422 and "Loket: loket 9 tidak dikenal" in page


def test_a_zone_with_tvs_is_not_removed_until_they_move(
        office: AppUnderTest, admin: FlaskClient) -> None:
    for name in ("TV Selatan A", "TV Selatan B"):  # one-click pairing links that carry the zone
        page = admin.post("/admin/perangkat/tautan", data={"name": name, "role": "display",
                                                           "zone": "selatan"})
        assert page.status_code == 201 and "zona selatan" in page.text
        link = re.search(r'id="pair-url" href="http://localhost(/p/[A-Z0-9-]+)"', page.text)
        assert link is not None
        tv = office.client()
        confirm = tv.get(link.group(1))
        assert tv.post(link.group(1), data={"csrf_token": csrf_from(confirm.text)}).status_code \
            == 302
        assert 'data-zone="selatan"' in tv.get("/display/").text
    bound = [d for d in list_devices(office.office) if d["zone"] == "selatan"]
    assert [d["name"] for d in bound] == ["TV Selatan A", "TV Selatan B"]
    status, page = post(admin, "/admin/zona/selatan/hapus")
    assert status == 409
    assert "Zona Ruang Selatan masih dipakai layar TV: TV Selatan A, TV Selatan B" in page
    for device in bound:
        post(admin, f"/admin/perangkat/{device['id']}/zona", zone="")
    status, page = post(admin, "/admin/zona/selatan/hapus")
    assert status == 302 and "Zona selatan dihapus" in page
    assert [z.code for z in office.office.settings.zones] == ["utara", "tengah"]


def test_a_removed_loket_leaves_its_zones(office: AppUnderTest, admin: FlaskClient) -> None:
    refused = admin.post("/admin/loket/1/hapus")
    assert refused.status_code == 409
    assert "Loket 1 adalah satu-satunya loket zona Ruang Utara" in refused.text
    assert admin.post("/admin/loket/2/hapus").status_code == 302
    tengah = office.office.settings.zone("tengah")
    assert tengah is not None and tengah.counters == frozenset({3})


def test_export_config_writes_the_zones_and_starts_the_same_office(
        office: AppUnderTest, admin: FlaskClient, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    post(admin, "/admin/zona/baru", code="baru", name="Ruang Baru", counters=["1", "3"],
         running_text="Teks \"baru\"")
    post(admin, "/admin/zona/utara/ubah", name="Ruang Utara Lama", counters=["1", "2"])
    post(admin, "/admin/zona/selatan/hapus")
    assert run.main(["export-config", "--config", str(office.config),
                     "--database", office.database_url]) == 0
    text = capsys.readouterr().out
    assert text.count("[[zones]]") == 3
    copy = tmp_path / "copy.toml"
    copy.write_text(text, encoding="utf-8")
    assert load_settings(copy).zones == office.office.settings.zones


def test_the_api_moves_a_tv_between_zones_as_the_page_does(office: AppUnderTest) -> None:
    office.add_user("kepala", Role.ADMIN)
    api, admin = office.client(), office.bearer("kepala")
    tv, token = create_device(office.office, "TV Lobi", "display")
    kiosk, _ = create_device(office.office, "Kios", "kiosk")
    screen = office.socket(auth={"token": token})
    moved = api.post(f"/api/v1/devices/{tv['id']}/zone", json={"zone": "selatan"},
                     headers=admin)
    assert moved.status_code == 200, moved.text
    assert moved.get_json()["zone"] == "selatan"
    assert events_named(screen, "device_changed")  # the TV's open page loads again
    assert [d["zone"] for d in list_devices(office.office) if d["id"] == tv["id"]] \
        == ["selatan"]
    back = api.post(f"/api/v1/devices/{tv['id']}/zone", json={"zone": None}, headers=admin)
    assert back.status_code == 200 and back.get_json()["zone"] is None
    refusals = [
        (api.post(f"/api/v1/devices/{tv['id']}/zone", json={"zone": "bulan"}, headers=admin),
         422, "unknown_zone"),
        (api.post(f"/api/v1/devices/{kiosk['id']}/zone", json={"zone": "selatan"},
                  headers=admin), 422, "zone_for_tv_only"),
        (api.post(f"/api/v1/devices/{tv['id']}/zone", json={}, headers=admin), 422,
         "missing_zone"),
        (api.post("/api/v1/devices/999/zone", json={"zone": None}, headers=admin), 404,
         "unknown_device"),
        (api.post(f"/api/v1/devices/{tv['id']}/zone", json={"zone": "selatan"}), 401,
         "unauthorized"),
    ]
    for answer, status, code in refusals:
        assert (answer.status_code, answer.get_json()["error"]) == (status, code), answer.text
        assert answer.get_json()["message"]
