"""Public service standards: the six published components from config.toml, printable."""

from __future__ import annotations

from pathlib import Path

from tests.support.app import AppFactory, AppUnderTest
from tests.support.configs import write_config
from tests.support.feedback import demo_config_dir


def test_every_service_publishes_the_six_components(make_app: AppFactory,
                                                    tmp_path: Path) -> None:
    web = make_app(config_dir=demo_config_dir(tmp_path)).client()
    listing = web.get("/layanan")
    assert listing.status_code == 200
    for name in ("KTP-el", "Kartu Keluarga", "Akta Kelahiran", "Legalisasi Dokumen"):
        assert name in listing.text
    assert "lapor.go.id" in listing.text and "1708" in listing.text
    assert "https://wa.me/6281151001708" in listing.text
    page = web.get("/layanan/AKTA").text
    for heading in ("Persyaratan", "Sistem, mekanisme dan prosedur",
                    "Jangka waktu penyelesaian", "Biaya/tarif", "Produk pelayanan",
                    "Penanganan pengaduan, saran dan masukan", "Dasar hukum"):
        assert heading in page
    assert "Surat keterangan lahir dari bidan/rumah sakit" in page
    assert "Rp0 (Gratis)" in page and "Kutipan Akta Kelahiran" in page
    legal = web.get("/layanan/LEGAL").text
    assert "<td>Minggu</td><td>Tutup</td>" in legal
    assert "<td>Jumat</td><td>08.00-10.30</td>" in legal


def test_an_unknown_service_is_not_found(app_under_test: AppUnderTest) -> None:
    response = app_under_test.client().get("/layanan/TIDAKADA")
    assert response.status_code == 404
    assert "Layanan tidak ditemukan." in response.text


def test_an_unset_cost_is_never_published_as_free(make_app: AppFactory, tmp_path: Path) -> None:
    # KTP states it is free, KK a fee, AKTA nothing at all. Written before the office first
    # starts: from then on its database holds the set-up.
    config = write_config(tmp_path, extra_service='product = "Kutipan akta"')
    settings_text = config.read_text(encoding="utf-8")
    config.write_text(settings_text.replace(
        'requirements = ["Fotokopi Kartu Keluarga"]',
        'requirements = ["Fotokopi Kartu Keluarga"]\ncost = "Gratis"').replace(
        'target_wait_minutes = 20', 'target_wait_minutes = 20\ncost = "Rp50.000"'),
        encoding="utf-8")
    web = make_app(config_dir=tmp_path).client()
    listing = web.get("/layanan").text
    assert "GRATIS" not in listing  # not every service is free
    assert "Belum diumumkan" in listing and "Rp50.000" in listing
    assert "Petugas dilarang memungut biaya di luar biaya yang tercantum" in listing
    detail = web.get("/layanan/AKTA").text
    assert "Belum diumumkan" in detail and "Rp0 (Gratis)" not in detail
    assert "Rp0 (Gratis)" in web.get("/layanan/KTP").text


def test_the_free_notice_appears_when_every_service_states_it_is_free(
        make_app: AppFactory, tmp_path: Path) -> None:
    web = make_app(config_dir=demo_config_dir(tmp_path)).client()
    listing = web.get("/layanan").text
    assert "Seluruh layanan di bawah ini GRATIS." in listing
    assert "Belum diumumkan" not in listing


def test_the_admin_overview_lists_every_incomplete_standard(make_app: AppFactory,
                                                           tmp_path: Path) -> None:
    office = make_app()
    office.add_user("kepala", "admin")
    page = office.signed_in("kepala").get("/admin/").text
    assert 'id="incomplete-standards"' in page
    for code in ("KTP", "KK", "AKTA"):
        assert f'data-service="{code}"' in page
    # KTP states its requirements, so they are not listed as missing for it.
    ktp = page.split('data-service="KTP"')[1].split("</li>")[0]
    assert "Biaya/tarif" in ktp and "Persyaratan" not in ktp
    demo = make_app(config_dir=demo_config_dir(tmp_path))
    demo.add_user("kepala", "admin")
    assert 'id="incomplete-standards"' not in demo.signed_in("kepala").get("/admin/").text
