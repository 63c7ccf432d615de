"""Tickets to print: an ordinary one and one with names long enough to wrap."""

from __future__ import annotations

import pytest

from antrean.printing.slip import TicketSlip

FOOTER = (
    "Terima kasih atas kunjungan Anda",
    "Layanan ini GRATIS",
    "Pengaduan: SP4N-LAPOR! lapor.go.id / SMS 1708",
)


@pytest.fixture
def slip() -> TicketSlip:
    return TicketSlip(
        office_name="Dinas Kependudukan dan Pencatatan Sipil Kota Makassar",
        office_address="Jl. Jend. Ahmad Yani No. 2, Makassar",
        counters="Loket 1, Loket Prioritas",
        number="A-001",
        service_name="Perekaman KTP Elektronik",
        priority_label="PRIORITAS: Lanjut usia (60+)",
        issued_date="Senin, 23 November 2026",
        issued_time="14.30 WITA",
        ahead=4,
        estimated_wait="± 25 menit",
        tracking_url="https://antrean.makassarkota.go.id/t/7Kq2xPz",
        footer=FOOTER,
    )


@pytest.fixture
def long_slip(slip: TicketSlip) -> TicketSlip:
    return TicketSlip(**{
        **slip.__dict__,
        "office_name": "Dinas Kependudukan dan Pencatatan Sipil Kabupaten Pangkajene dan "
                       "Kepulauan Provinsi Sulawesi Selatan",
        "office_address": "",
        "number": "KIA-1024",
        "service_name": "Penerbitan Kartu Identitas Anak (KIA) dan Perubahan Data Kartu "
                        "Keluarga karena Pindah Datang",
        "footer": FOOTER + ("Simpan karcis ini sampai nomor Anda dipanggil oleh petugas loket",),
    })
