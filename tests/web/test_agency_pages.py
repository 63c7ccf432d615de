"""/admin/instansi and /api/v1/setup/agencies: an MPP's agencies edited live; a single
office shows no agency at all."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from antrean.core.access import Role
from tests.support.app import AppUnderTest, csrf_from
from tests.support.mpp import mpp_app  # noqa: F401  (a fixture)


@pytest.fixture
def admin(mpp_app: AppUnderTest) -> FlaskClient:  # noqa: F811
    mpp_app.add_user("kepala", Role.ADMIN)
    return mpp_app.signed_in("kepala")


def form(browser: FlaskClient, page: str, **fields: str) -> dict[str, str]:
    return {"csrf_token": csrf_from(browser.get(page).text), **fields}


def test_the_agency_pages_list_add_change_and_remove_with_readable_refusals(
        mpp_app: AppUnderTest, admin: FlaskClient) -> None:  # noqa: F811
    listing = admin.get("/admin/instansi")
    assert listing.status_code == 200 and listing.text.count('data-agency="') == 12
    assert '<img class="agency-logo" src="/media/dukcapil.png" alt="">' in listing.text
    assert 'href="/admin/instansi"' in admin.get("/admin/").text  # in the menu of an MPP
    added = admin.post("/admin/instansi/baru", data=form(
        admin, "/admin/instansi/baru", code="polres", name="Polres Banjar (SIM)",
        short_name="Satpas SIM", logo="polres.png"))
    assert added.status_code == 302
    assert "Satpas SIM" in admin.get("/admin/instansi").text
    bad = admin.post("/admin/instansi/polres/ubah", data=form(
        admin, "/admin/instansi/polres/ubah", name="Polres", short_name="Samsat", logo=""))
    assert bad.status_code == 422
    assert "Nama singkat: &#39;Samsat&#39; dipakai dua kali" in bad.text
    assert 'value="Samsat"' in bad.text  # what the admin typed stays
    refused = admin.post("/admin/instansi/samsat/hapus", data=form(admin, "/admin/instansi"))
    assert refused.status_code == 409
    assert "Instansi Samsat masih memiliki 2 layanan" in refused.text
    removed = admin.post("/admin/instansi/polres/hapus", data=form(admin, "/admin/instansi"))
    assert removed.status_code == 302
    assert "Satpas SIM" not in admin.get("/admin/instansi").text
    assert admin.get("/admin/instansi/polres/ubah").status_code == 404


def test_the_service_form_moves_a_service_to_another_agency(
        mpp_app: AppUnderTest, admin: FlaskClient) -> None:  # noqa: F811
    page = admin.get("/admin/layanan/TILANG/ubah").text
    assert '<option value="kejaksaan" selected>Kejaksaan</option>' in page
    admin.post("/admin/instansi/baru", data=form(
        admin, "/admin/instansi/baru", code="polres", name="Polres Banjar", short_name="Polres"))
    admin.post("/admin/loket/15/hapus", data=form(admin, "/admin/layanan"))
    moved = admin.post("/admin/layanan/TILANG/ubah", data=form(
        admin, "/admin/layanan/TILANG/ubah", name="Pembayaran Denda Tilang", prefix="J",
        agency="polres"))
    assert moved.status_code == 302, moved.text
    services = mpp_app.client().get("/api/v1/services").get_json()
    assert next(s for s in services if s["code"] == "TILANG")["agency"] == "polres"


def test_the_api_edits_agencies_and_answers_json_errors(mpp_app: AppUnderTest) -> None:  # noqa: F811
    mpp_app.add_user("kepala", Role.ADMIN)
    admin = mpp_app.bearer("kepala")
    web = mpp_app.client()
    added = web.post("/api/v1/setup/agencies", headers=admin,
                     json={"code": "polres", "name": "Polres Banjar", "short_name": "SIM"})
    assert added.status_code == 201 and added.get_json()["code"] == "polres"
    changed = web.patch("/api/v1/setup/agencies/polres", headers=admin, json={"logo": "sim.png"})
    assert changed.get_json() == {"code": "polres", "name": "Polres Banjar",
                                  "short_name": "SIM", "logo": "sim.png"}
    bad = web.patch("/api/v1/setup/agencies/polres", headers=admin, json={"logo": "a/b.png"})
    assert bad.status_code == 422 and bad.get_json()["error"] == "invalid_setting"
    busy = web.delete("/api/v1/setup/agencies/dukcapil", headers=admin)
    assert busy.status_code == 409 and busy.get_json()["error"] == "agency_has_services"
    assert web.delete("/api/v1/setup/agencies/polres", headers=admin).status_code == 204
    assert web.delete("/api/v1/setup/agencies/polres", headers=admin).status_code == 404
    assert web.post("/api/v1/setup/agencies", json={"code": "x", "name": "X"}).status_code == 401
    assert [a["code"] for a in mpp_app.client().get("/api/v1/setup", headers=admin)
            .get_json()["agencies"]][:2] == ["dukcapil", "samsat"]


def test_the_public_lists_name_each_services_agency_and_the_agencies_without_secrets(
        mpp_app: AppUnderTest) -> None:  # noqa: F811
    web = mpp_app.client()
    agencies = web.get("/api/v1/agencies").get_json()
    assert len(agencies) == 12
    assert agencies[0] == {"code": "dukcapil", "name": "Dinas Kependudukan dan Pencatatan Sipil",
                           "short_name": "Disdukcapil", "logo": "dukcapil.png"}
    services = web.get("/api/v1/services").get_json()
    assert {s["code"]: s["agency"] for s in services}["PASPOR"] == "imigrasi"


def test_a_single_office_shows_no_agency_anywhere(app_under_test: AppUnderTest) -> None:
    app_under_test.add_user("kepala", Role.ADMIN)
    admin = app_under_test.signed_in("kepala")
    assert 'href="/admin/instansi"' not in admin.get("/admin/").text
    assert 'name="agency"' not in admin.get("/admin/layanan/KTP/ubah").text
    assert app_under_test.client().get("/api/v1/agencies").get_json() == []
    ticket = app_under_test.client().post("/api/v1/tickets", json={"service": "KTP"})
    assert ticket.get_json()["agency_name"] is None
