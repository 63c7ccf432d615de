"""An agency's own logo (docs/roles.md): its admin uploads it for its own agency only, through
the media library's upload (an image, kept out of the TV's playlist); the kiosk's agency list
shows it at once. Another agency's admin is refused before any file is kept."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient

from antrean.core.access import Role
from antrean.core.errors import DomainError
from antrean.usecases.setup import media_library
from antrean.usecases.setup.agencies import upload_agency_logo
from tests.support.app import AppFactory, AppUnderTest
from tests.support.media_samples import MP4_HEAD, image_bytes
from tests.support.mpp_office import A, B, add_person, mpp_app


@pytest.fixture
def mpp(make_app: AppFactory, tmp_path: Path) -> AppUnderTest:
    office = mpp_app(make_app, tmp_path / "mpp")
    for username, role, agency in (("admin_a", Role.ADMIN, A), ("admin_b", Role.ADMIN, B),
                                   ("petugas_a", Role.PETUGAS, A), ("kepala", Role.ADMIN, None)):
        add_person(office, username, role, agency)
    return office


def send_logo(browser: FlaskClient, agency: str, data: bytes, filename: str) -> Any:
    return browser.post(f"/admin/instansi/{agency}/logo", content_type="multipart/form-data",
                        data={"file": (io.BytesIO(data), filename)})


def logos(mpp: AppUnderTest) -> dict[str, str]:
    return {a["code"]: a["logo"] for a in mpp.client().get("/api/v1/agencies").get_json()}


def test_an_agency_admin_uploads_its_own_agencys_logo(mpp: AppUnderTest) -> None:
    admin_a = mpp.signed_in("admin_a")
    assert 'href="/admin/instansi/dukcapil/logo"' in admin_a.get("/admin/layanan").text
    assert admin_a.get(f"/admin/instansi/{A}/logo").status_code == 200
    sent = send_logo(admin_a, A, image_bytes("PNG"), "Logo Dukcapil.png")
    assert sent.status_code == 302, sent.text
    assert logos(mpp) == {A: "logo-dukcapil.png", B: ""}
    served = mpp.client().get("/media/logo-dukcapil.png")
    assert served.status_code == 200 and served.mimetype == "image/png"
    # A logo, not a TV advert: it stays out of the lobby's playlist.
    assert mpp.client().get("/api/v1/media/playlist").get_json()["items"] == []
    assert "logo-dukcapil.png" in admin_a.get(f"/admin/instansi/{A}/logo").text


def test_another_agencys_logo_is_refused_and_no_file_is_kept(mpp: AppUnderTest) -> None:
    for person, other in (("admin_a", B), ("admin_b", A)):
        browser = mpp.signed_in(person)
        answer = send_logo(browser, other, image_bytes("PNG"), "bukan-milik.png")
        assert answer.status_code == 403, person
        assert browser.get(f"/admin/instansi/{other}/logo").status_code == 403
    assert send_logo(mpp.signed_in("petugas_a"), A, image_bytes("PNG"), "x.png") \
        .status_code == 403  # petugas: not an admin
    assert logos(mpp) == {A: "", B: ""}
    assert media_library.list_media(mpp.office) == []


def test_the_office_admin_uploads_any_agencys_logo(mpp: AppUnderTest) -> None:
    kepala = mpp.signed_in("kepala")
    assert 'href="/admin/instansi/samsat/logo"' in kepala.get(f"/admin/instansi/{B}/ubah").text
    assert send_logo(kepala, B, image_bytes("JPEG"), "samsat.jpg").status_code == 302
    assert logos(mpp)[B] == "samsat.jpg"


def test_a_video_or_an_empty_file_is_explained_and_nothing_is_kept(mpp: AppUnderTest) -> None:
    admin_a = mpp.signed_in("admin_a")
    video = send_logo(admin_a, A, MP4_HEAD + bytes(512), "promo.mp4")
    assert video.status_code == 422 and "Logo harus berupa gambar" in video.text
    empty = admin_a.post(f"/admin/instansi/{A}/logo", data={})
    assert empty.status_code == 422 and "Berkas kosong" in empty.text
    assert logos(mpp)[A] == "" and media_library.list_media(mpp.office) == []


def test_the_use_case_holds_the_scope_without_the_web_layer(mpp: AppUnderTest) -> None:
    with pytest.raises(DomainError) as refused:
        upload_agency_logo(mpp.office, B, "x.png", image_bytes("PNG"), scope=A)
    assert refused.value.code == "outside_scope"
    with pytest.raises(DomainError) as unknown:
        upload_agency_logo(mpp.office, "bpjs", "x.png", image_bytes("PNG"))
    assert unknown.value.code == "unknown_agency"
    assert media_library.list_media(mpp.office) == []
    assert upload_agency_logo(mpp.office, B, "x.png", image_bytes("PNG"), scope=B) == "x.png"
