"""Public service standards: the six published components from config.toml, printable."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import requests

from tests.support.feedback import demo_config_dir
from tests.support.live_server import LiveServer


def test_every_service_publishes_the_six_components(start_server: Callable[..., LiveServer],
                                                    tmp_path: Path) -> None:
    server = start_server(config_dir=demo_config_dir(tmp_path))
    listing = requests.get(f"{server.url}/layanan", timeout=10)
    assert listing.status_code == 200
    for name in ("KTP-el", "Kartu Keluarga", "Akta Kelahiran", "Legalisasi Dokumen"):
        assert name in listing.text
    assert "lapor.go.id" in listing.text and "1708" in listing.text
    assert "https://wa.me/6281151001708" in listing.text
    page = requests.get(f"{server.url}/layanan/AKTA", timeout=10).text
    for heading in ("Persyaratan", "Sistem, mekanisme dan prosedur",
                    "Jangka waktu penyelesaian", "Biaya/tarif", "Produk pelayanan",
                    "Penanganan pengaduan, saran dan masukan", "Dasar hukum"):
        assert heading in page
    assert "Surat keterangan lahir dari bidan/rumah sakit" in page
    assert "Rp0 (Gratis)" in page and "Kutipan Akta Kelahiran" in page
    legal = requests.get(f"{server.url}/layanan/LEGAL", timeout=10).text
    assert "<td>Minggu</td><td>Tutup</td>" in legal
    assert "<td>Jumat</td><td>08.00-10.30</td>" in legal


def test_an_unknown_service_is_not_found(start_server: Callable[..., LiveServer]) -> None:
    server = start_server()
    response = requests.get(f"{server.url}/layanan/TIDAKADA", timeout=10)
    assert response.status_code == 404
    assert "Layanan tidak ditemukan." in response.text
