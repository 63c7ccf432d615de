"""The maklumat pelayanan and the facilities for kelompok rentan: from config.toml, edited in
/admin as versions, published on /maklumat, /layanan and the kiosk."""

from __future__ import annotations

from antrean.core.access import Role
from antrean.usecases.feedback.public_notices import FACILITIES, MAKLUMAT, notice_history
from tests.support.app import AppFactory, AppUnderTest, csrf_from

NOTICES = """
[maklumat]
signatory = "Camat Uji Coba"

[facilities]
items = ["Jalur landai (ramp) di pintu masuk", "Kursi roda", "Ruang laktasi"]
"""


def test_maklumat_defaults_to_the_usual_pledge_and_is_printable(
        app_under_test: AppUnderTest) -> None:
    page = app_under_test.client().get("/maklumat")
    assert page.status_code == 200
    assert "kami menyatakan sanggup menyelenggarakan pelayanan sesuai standar" in page.text
    assert "data-print" in page.text and "onclick" not in page.text
    assert 'href="/maklumat"' in app_under_test.client().get("/layanan").text


def test_facilities_from_config_show_on_layanan_and_the_kiosk(make_app: AppFactory) -> None:
    app = make_app(extra_tables=NOTICES)
    listing = app.client().get("/layanan").text
    assert "Fasilitas bagi kelompok rentan" in listing and "Ruang laktasi" in listing
    kiosk = app.paired("kiosk").get("/kiosk/").text
    assert "Jalur landai (ramp) di pintu masuk" in kiosk
    assert "Camat Uji Coba" in app.client().get("/maklumat").text


def test_without_facilities_the_page_says_they_are_not_announced(
        app_under_test: AppUnderTest) -> None:
    assert "Belum diumumkan" in app_under_test.client().get("/layanan").text


def test_the_kepala_edits_maklumat_and_facilities_as_versions(make_app: AppFactory) -> None:
    app = make_app(extra_tables=NOTICES)
    app.add_user("kepala", Role.ADMIN)
    kepala = app.signed_in("kepala")
    page = kepala.get("/admin/maklumat").text
    saved = kepala.post("/admin/maklumat", data={
        "csrf_token": csrf_from(page), "base_version": "1",
        "text": "Kami sanggup melayani sesuai standar.\nKami siap menerima sanksi.",
        "signatory": "Camat Uji Coba, S.STP"})
    assert saved.status_code == 302
    poster = app.client().get("/maklumat").text
    assert "<p>Kami sanggup melayani sesuai standar.</p>" in poster
    assert "Camat Uji Coba, S.STP" in poster
    saved = kepala.post("/admin/fasilitas", data={
        "csrf_token": csrf_from(page), "base_version": "1",
        "facilities": "Kursi roda\n\nLoket prioritas\n"})
    assert saved.status_code == 302
    assert "Loket prioritas" in app.client().get("/layanan").text
    assert "Ruang laktasi" not in app.client().get("/layanan").text
    assert [v.version for v in notice_history(app.office, MAKLUMAT)] == [2, 1]
    facilities = notice_history(app.office, FACILITIES)
    assert facilities[0].content == {"items": ["Kursi roda", "Loket prioritas"]}
    assert facilities[0].saved_by == "kepala" and facilities[1].saved_by == "config.toml"


def test_an_empty_maklumat_is_refused_and_the_form_keeps_the_signatory(
        app_under_test: AppUnderTest) -> None:
    app_under_test.add_user("kepala", Role.ADMIN)
    kepala = app_under_test.signed_in("kepala")
    page = kepala.get("/admin/maklumat").text
    response = kepala.post("/admin/maklumat", data={
        "csrf_token": csrf_from(page), "base_version": "1", "text": "  ",
        "signatory": "Camat Baru"})
    assert response.status_code == 422
    assert "wajib diisi" in response.text and "Camat Baru" in response.text
