"""Running the office from /admin and the API: each edit, and a bad value with the config's
message; screens hear of every change."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from antrean.config import ConfigError, parse_settings
from antrean.core.access import Role
from tests.support.app import AppUnderTest, csrf_from


@pytest.fixture
def admin(app_under_test: AppUnderTest) -> FlaskClient:
    app_under_test.add_user("kepala", Role.ADMIN)
    return app_under_test.signed_in("kepala")


@pytest.fixture
def api(app_under_test: AppUnderTest) -> dict[str, str]:
    app_under_test.add_user("kepala", Role.ADMIN)
    return app_under_test.bearer("kepala")


def config_problem(office_raw: dict, service: dict) -> str:  # type: ignore[type-arg]
    """What config.toml's loader says of this service table."""
    with pytest.raises(ConfigError) as raised:
        parse_settings({**office_raw, "services": [service]})
    return raised.value.problem


def kiosk_service(web: AppUnderTest, code: str) -> dict:  # type: ignore[type-arg]
    services = web.client().get("/api/v1/services").get_json()
    return next(s for s in services if s["code"] == code)


def test_a_service_edited_on_the_page_reaches_the_kiosk_and_the_tv_at_once(
        app_under_test: AppUnderTest, admin: FlaskClient) -> None:
    tv = app_under_test.socket("/display", client=app_under_test.paired(Role.DISPLAY))
    tv.get_received("/display")
    page = admin.get("/admin/layanan/KK/ubah")
    assert page.status_code == 200 and 'value="Kartu Keluarga"' in page.text
    saved = admin.post("/admin/layanan/KK/ubah", data={
        "name": "Kartu Keluarga (KK)", "prefix": "B", "daily_quota": "40",
        "target_wait_minutes": "25", "average_service_minutes": "12",
        **{f"hours_{day}": "08:00-12:00" for day in ("senin", "selasa", "rabu", "kamis",
                                                     "jumat")}})
    assert saved.status_code == 302
    service = kiosk_service(app_under_test, "KK")
    assert (service["name"], service["daily_quota"], service["target_wait_minutes"]) == \
        ("Kartu Keluarga (KK)", 40, 25)
    heard = {event["name"]: event["args"][0] for event in tv.get_received("/display")}
    assert heard["setup"]["services"] == ["KTP", "KK", "AKTA"]
    assert heard["update"]["services"][0]["name"] == "Kartu Keluarga (KK)"
    listing = admin.get("/admin/layanan").text
    assert "Kartu Keluarga (KK)" in listing and "Senin-Jumat 08.00-12.00" in listing


def test_a_bad_value_on_the_page_keeps_the_form_with_the_configs_message(
        app_under_test: AppUnderTest, admin: FlaskClient) -> None:
    raw = app_under_test.office.settings.raw
    answer = admin.post("/admin/layanan/KTP/ubah", data={
        "name": "KTP-el", "prefix": "A", "daily_quota": "banyak"})
    assert answer.status_code == 422
    problem = config_problem(raw, {"code": "KTP", "name": "K", "prefix": "A",
                                   "daily_quota": "banyak"})
    assert f"Kuota harian: {problem}" in answer.text and problem == "harus bilangan bulat"
    assert 'value="banyak"' in answer.text  # what the admin typed stays
    hours = admin.post("/admin/layanan/KTP/ubah", data={
        "name": "KTP-el", "prefix": "A", "hours_senin": "14:00-08:00"})
    assert hours.status_code == 422
    assert "Jam pengambilan nomor: &#39;14:00-08:00&#39;: jam selesai harus setelah jam mulai" \
        in hours.text
    assert kiosk_service(app_under_test, "KTP")["daily_quota"] == 500  # nothing changed


def test_a_service_edited_through_the_api_and_a_bad_value_gets_the_configs_message(
        app_under_test: AppUnderTest, api: dict[str, str]) -> None:
    web = app_under_test.client()
    answer = web.patch("/api/v1/setup/services/KTP", json={"daily_quota": 0}, headers=api)
    assert answer.status_code == 422
    problem = config_problem(app_under_test.office.settings.raw,
                             {"code": "KTP", "name": "K", "prefix": "A", "daily_quota": 0})
    assert answer.get_json() == {"error": "invalid_setting",
                                 "message": f"Kuota harian: {problem}"}
    unknown = web.patch("/api/v1/setup/services/KTP", json={"warna": "merah"}, headers=api)
    assert unknown.status_code == 422 and "kunci tidak dikenal" in unknown.get_json()["message"]
    ok = web.patch("/api/v1/setup/services/KTP", json={"daily_quota": 3}, headers=api)
    assert ok.status_code == 200 and ok.get_json()["daily_quota"] == 3
    assert kiosk_service(app_under_test, "KTP")["quota_left"] == 3
    added = web.post("/api/v1/setup/services", json={"code": "SKTM", "name": "SKTM",
                                                     "prefix": "E"}, headers=api)
    assert added.status_code == 201
    assert kiosk_service(app_under_test, "SKTM")["open"]
    assert web.patch("/api/v1/setup/services/KTP", json={"daily_quota": 9}).status_code == 401


def test_quick_actions_on_the_page(app_under_test: AppUnderTest, admin: FlaskClient) -> None:
    assert admin.post("/admin/layanan/KTP/tutup", data={"reason": ""}).status_code == 422
    assert admin.post("/admin/layanan/KTP/tutup",
                      data={"reason": "Server pusat gangguan"}).status_code == 302
    closed = kiosk_service(app_under_test, "KTP")
    assert not closed["open"] and closed["closed_label"] == "Tutup sementara: Server pusat gangguan"
    refused = app_under_test.client().post("/api/v1/tickets", json={"service": "KTP"})
    assert refused.status_code == 409 and refused.get_json()["error"] == "service_paused"
    assert admin.post("/admin/layanan/KTP/buka").status_code == 302
    assert kiosk_service(app_under_test, "KTP")["open"]
    assert admin.post("/admin/layanan/KTP/kuota", data={"amount": "25"}).status_code == 302
    assert kiosk_service(app_under_test, "KTP")["daily_quota"] == 525
    assert admin.post("/admin/layanan/KTP/kuota", data={"amount": "nol"}).status_code == 422
    assert admin.post("/admin/loket/tambahan", data={"name": ""}).status_code == 302
    snapshot = app_under_test.client(admin).get("/api/v1/queue").get_json()
    assert [c["number"] for c in snapshot["counters"]] == [1, 2, 3, 4]
    listing = admin.get("/admin/layanan").text
    assert "termasuk +25 hari ini" in listing and "Loket 4" in listing


def test_counters_added_changed_and_removed_on_the_page_and_the_api(
        app_under_test: AppUnderTest, admin: FlaskClient) -> None:
    bad = admin.post("/admin/loket/baru", data={"number": "5"})
    assert bad.status_code == 422
    assert "Layanan: pilih paling sedikit satu layanan untuk loket ini" in bad.text
    assert admin.post("/admin/loket/baru", data={"number": "5", "name": "Loket Prioritas",
                                                 "services": ["KTP", "KK"]}).status_code == 302
    assert admin.post("/admin/loket/5/ubah", data={"name": "Loket Prioritas",
                                                   "services": ["AKTA"]}).status_code == 302
    assert admin.post("/admin/loket/3/hapus").status_code == 302
    counters = app_under_test.client(admin).get("/api/v1/queue").get_json()["counters"]
    assert [(c["number"], c["services"]) for c in counters] == \
        [(1, ["KTP", "KK"]), (2, ["KTP", "KK", "AKTA"]), (5, ["AKTA"])]
    app_under_test.add_user("admin2", Role.ADMIN)
    token = app_under_test.bearer("admin2")
    web = app_under_test.client()
    wrong = web.patch("/api/v1/setup/counters/5", json={"services": ["NOPE"]}, headers=token)
    assert wrong.get_json()["message"] == "Layanan: kode layanan 'NOPE' tidak dikenal"
    assert web.delete("/api/v1/setup/counters/5", headers=token).status_code == 204
    assert web.post("/api/v1/setup/counters/extra", json={}, headers=token).get_json() == \
        {"number": 3, "name": "Loket 3", "services": ["KTP", "KK", "AKTA"]}


def test_office_details_are_edited_and_the_zone_stays_in_the_file(
        app_under_test: AppUnderTest, admin: FlaskClient) -> None:
    bad = admin.post("/admin/kantor", data={"name": "Kecamatan Baru", "announcement_repeat": "9"})
    assert bad.status_code == 422
    assert "Pengulangan panggilan: harus antara 1 dan 3" in bad.text
    assert admin.post("/admin/kantor", data={"name": "Kecamatan Baru", "address": "Jl. A 1",
                                             "counter_word": "gerai",
                                             "announcement_repeat": "2"}).status_code == 302
    snapshot = app_under_test.client(admin).get("/api/v1/queue").get_json()
    assert snapshot["office"]["name"] == "Kecamatan Baru"
    assert snapshot["office"]["counter_word"] == "gerai"
    assert "Kecamatan Baru" in admin.get("/admin/kantor").text
    token = app_under_test.bearer("kepala")
    fixed = app_under_test.client().patch("/api/v1/setup/office",
                                          json={"timezone": "Asia/Jakarta"}, headers=token)
    assert fixed.status_code == 422 and "config.toml" in fixed.get_json()["message"]


def test_superscript_digits_in_a_number_field_get_the_configs_message(
        app_under_test: AppUnderTest) -> None:
    # "²³".isdigit() is true but int() refuses it: a 500 before (found by the form fuzzer).
    app_under_test.add_user("kepala", Role.ADMIN)
    web = app_under_test.signed_in("kepala")
    page = web.post("/admin/loket/baru", data={
        "csrf_token": csrf_from(web.get("/admin/loket/baru").text), "number": "²³",
        "name": "Loket Baru", "services": "KTP"})
    assert page.status_code == 422
    assert "Nomor" in page.text or "nomor" in page.text


def test_the_service_form_leads_to_its_standard_and_versions(
        app_under_test: AppUnderTest) -> None:
    app_under_test.add_user("kepala", Role.ADMIN)
    web = app_under_test.signed_in("kepala")
    assert 'href="/admin/standar/KTP"' in web.get("/admin/layanan/KTP/ubah").text
    assert web.get("/admin/standar/KTP").status_code == 200
