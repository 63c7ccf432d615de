"""Public service standards: the six published components from config.toml, printable."""

from __future__ import annotations

from pathlib import Path

from tests.support.app import AppFactory, AppUnderTest
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
