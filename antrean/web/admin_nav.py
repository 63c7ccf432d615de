"""The admin menu: each link shown only to whom its route admits (role and agency scope), so
an agency admin never meets a link that would refuse them, and no template decides it."""

from __future__ import annotations

from flask import Flask, current_app
from werkzeug.exceptions import HTTPException

from antrean.core.access import Principal
from antrean.core.scope import is_office_wide
from antrean.usecases.setup.offices import registered_offices
from antrean.web.auth import PUBLIC, current_principal
from antrean.web.office import current_office, deployment_root
from antrean.web.scope_guard import Scope, declared_scope

# (the key that marks the current page, or a card's description; path; label)
Link = tuple[str, str, str]

ADMIN_LINKS: tuple[Link, ...] = (
    ("overview", "/admin/", "Ringkasan"),
    ("agencies", "/admin/instansi", "Instansi"),
    ("services", "/admin/layanan", "Layanan & Loket"),
    ("office", "/admin/kantor", "Data Kantor"),
    ("zones", "/admin/zona", "Zona Layar TV"),
    ("users", "/admin/pengguna", "Pengguna"),
    ("running_text", "/admin/teks-berjalan", "Teks Berjalan"),
    ("media", "/admin/media", "Media Layar TV"),
    ("print_jobs", "/admin/cetak", "Cetak Gagal"),
    ("booking", "/admin/booking", "Booking Online"),
    ("standards", "/admin/standar", "Standar Pelayanan"),
    ("maklumat", "/admin/maklumat", "Maklumat & Fasilitas"),
    ("ikm", "/admin/ikm", "Survei IKM"),
    ("skm", "/admin/skm", "Publikasi SKM"),
    ("pengaduan", "/admin/pengaduan", "Pengaduan"),
    ("devices", "/admin/perangkat", "Perangkat"),
    ("audit", "/admin/audit", "Log Audit"),
    ("offices", "/admin/daftar-kantor", "Daftar Kantor"),
)
OTHER_LINKS: tuple[Link, ...] = (
    ("monitor", "/monitor", "Monitor Antrean"),
    ("report", "/laporan", "Laporan"),
    ("standards_public", "/layanan", "Standar Pelayanan"),
    ("display", "/display/", "Layar TV ↗"),
    ("console", "/console/", "Konsol Petugas"),
    ("deployment", "/kantor", "Semua Kantor"),
    ("deployment_report", "/laporan/kantor", "Perbandingan Kantor"),
)

# The overview's menu cards.
MENU_CARDS: tuple[Link, ...] = (
    ("Kode, prefiks, target, kuota, jam pengambilan dan angka hari ini.", "/admin/layanan",
     "Layanan & Loket"),
    ("Akun petugas dan admin: buat baru atau nonaktifkan.", "/admin/pengguna", "Pengguna"),
    ("Pengumuman yang berjalan di bawah layar TV.", "/admin/teks-berjalan", "Teks Berjalan"),
    ("Tiket yang gagal dicetak; cetak ulang dari sini.", "/admin/cetak", "Cetak Gagal"),
    ("Indeks Kepuasan Masyarakat per unsur.", "/admin/ikm", "Survei IKM"),
    ("Pengaduan dan saran warga.", "/admin/pengaduan", "Pengaduan"),
    ("Keadaan semua loket dan antrean saat ini.", "/monitor", "Monitor Antrean"),
    ("Waktu tunggu, waktu layanan dan jumlah per periode.", "/laporan", "Laporan"),
)
GROUPS = {"admin": ADMIN_LINKS, "other": OTHER_LINKS, "cards": MENU_CARDS}


# Shown only in a building that lists its agencies (an MPP).
MPP_ONLY = frozenset({"/admin/instansi"})
# Shown only once the deployment serves other offices (the register is at the root only).
DEPLOYMENT_ONLY = frozenset({"/kantor", "/laporan/kantor"})


def links_for(principal: Principal | None, links: tuple[Link, ...],
              has_agencies: bool = False, has_offices: bool = False) -> list[Link]:
    return [link for link in links if opens_for(current_app, principal, link[1])
            and (has_agencies or link[1] not in MPP_ONLY)
            and (has_offices or link[1] not in DEPLOYMENT_ONLY)]


def opens_for(app: Flask, principal: Principal | None, path: str) -> bool:
    """Whether the GET route at `path` lets this principal in (by its declarations)."""
    try:
        endpoint, _ = app.url_map.bind("").match(path, method="GET")
    except HTTPException:
        return False
    view = app.view_functions[endpoint]
    roles = getattr(view, "allowed_roles", ())
    if roles == PUBLIC:
        return True
    if principal is None or principal.role not in roles:
        return False
    return is_office_wide(principal) or declared_scope(view) is not Scope.OFFICE


def init_admin_nav(app: Flask) -> None:
    app.jinja_env.globals["nav_links"] = lambda group: links_for(
        current_principal(), GROUPS[group], current_office().settings.has_agencies,
        group == "other" and _serves_offices())


def _serves_offices() -> bool:
    return deployment_root() is None and bool(registered_offices(current_office()))
