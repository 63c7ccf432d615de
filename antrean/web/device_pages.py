"""Admin pages for paired devices (TVs, kiosks) and the audit log."""

from __future__ import annotations

from datetime import datetime

from flask import Blueprint, flash, render_template, request
from markupsafe import Markup
from werkzeug.wrappers import Response

from antrean.core.access import Role
from antrean.core.errors import DomainError
from antrean.core.one_time_codes import grouped
from antrean.usecases.access import audit, devices, pairing_links, tablets
from antrean.usecases.access.kiosk_agencies import (
    KIOSK_AGENCIES_CHANGED,
    chosen_agencies,
    set_kiosk_agencies,
)
from antrean.web.auth import acting_user_id, current_principal, require_roles
from antrean.web.office import current_office, public_base_url
from antrean.web.paths import redirect_to
from antrean.web.qr import qr_svg

device_pages = Blueprint("device_pages", __name__, url_prefix="/admin")

ROLE_LABELS = {"display": "Layar TV", "kiosk": "Kios"}
# A link to these reaches only the admin's own computer, never a TV or kiosk.
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "[::1]"}
ACTION_LABELS = {
    audit.USER_CREATED: "Pengguna dibuat",
    audit.USER_DEACTIVATED: "Pengguna dinonaktifkan",
    audit.RUNNING_TEXT_CHANGED: "Teks berjalan diubah",
    audit.DEVICE_CREATED: "Perangkat dibuat",
    audit.DEVICE_REVOKED: "Perangkat dicabut",
    audit.TABLET_PAIRED: "Tablet survei dipasangkan",
    audit.TABLET_LINK_CREATED: "Tautan tablet survei dibuat",
    audit.TABLET_REVOKED: "Tablet survei dicabut",
    audit.PAIRING_LINK_CREATED: "Tautan pemasangan dibuat",
    audit.PAIRING_LINK_CANCELLED: "Tautan pemasangan dibatalkan",
    audit.CALLED_OUT_OF_ORDER: "Panggilan di luar urutan",
    audit.COUNTER_RELEASED: "Loket dilepas admin",
    KIOSK_AGENCIES_CHANGED: "Instansi kios diubah",
    audit.DEPLOYMENT_ADMIN_ACTED: "Tindakan admin kabupaten",
}


def _render(template: str, status: int = 200, **context: object) -> tuple[str, int]:
    return render_template(template, principal=current_principal(), **context), status


@device_pages.get("/perangkat")
@require_roles(Role.ADMIN)
def device_list() -> tuple[str, int]:
    return _devices_page()


@device_pages.post("/perangkat/tautan")
@require_roles(Role.ADMIN)
def create_pairing_link() -> tuple[str, int]:
    """One click: a short link and its QR code that pair the next TV or kiosk."""
    name, role = request.form.get("name", ""), request.form.get("role", "")
    office = current_office()
    # The zone select is for TVs; a kiosk button in the same form ignores it.
    zone = request.form.get("zone") if role == Role.DISPLAY else None
    try:
        agencies = chosen_agencies(office, request.form.getlist("agencies"))
        link, code = pairing_links.create_pairing_link(office, role, name, acting_user_id(),
                                                       agencies, zone)
    except DomainError as error:
        return _devices_page(error=error.message, form={"name": name, "zone": zone or ""},
                             status=422)
    # Shown on this page only: the code is stored as a hash and cannot be shown again.
    url = f"{public_base_url()}/p/{grouped(code)}"
    return _devices_page(created=link, pair_url=url, qr=Markup(qr_svg(url)),
                         code=grouped(code), status=201)


@device_pages.post("/perangkat/tautan/<int(max=2147483647):link_id>/batal")
@require_roles(Role.ADMIN)
def cancel_pairing_link(link_id: int) -> Response:
    link = pairing_links.cancel_pairing_link(current_office(), link_id, acting_user_id())
    flash(f"Tautan pemasangan {link.name} dibatalkan dan tidak dapat dipakai lagi.")
    return redirect_to("/admin/perangkat")


@device_pages.post("/perangkat/<int(max=2147483647):device_id>/cabut")
@require_roles(Role.ADMIN)
def revoke_device(device_id: int) -> Response:
    device = devices.revoke_device(current_office(), device_id, acting_user_id())
    flash(f"Perangkat {device['name']} dicabut. Layarnya harus dipasangkan ulang.")
    return redirect_to("/admin/perangkat")


@device_pages.post("/perangkat/<int(max=2147483647):device_id>/instansi")
@require_roles(Role.ADMIN)
def change_kiosk_agencies(device_id: int) -> Response | tuple[str, int]:
    try:
        agencies = set_kiosk_agencies(current_office(), device_id,
                                      request.form.getlist("agencies"), acting_user_id())
    except DomainError as error:
        return _devices_page(error=error.message, status=422)
    flash("Kios kini menampilkan " + (f"{len(agencies)} instansi." if agencies
                                      else "semua instansi."))
    return redirect_to("/admin/perangkat")


@device_pages.post("/perangkat/<int(max=2147483647):device_id>/zona")
@require_roles(Role.ADMIN)
def move_device(device_id: int) -> Response | tuple[str, int]:
    """A TV to another zone (or the whole office); its open page follows at once."""
    try:
        device = devices.set_device_zone(current_office(), device_id,
                                         request.form.get("zone"), acting_user_id())
    except DomainError as error:
        return _devices_page(error=error.message, status=422)
    zone = current_office().settings.zone(device["zone"] or "")
    flash(f"{device['name']} sekarang menampilkan {zone.name if zone else 'seluruh kantor'}.")
    return redirect_to("/admin/perangkat")


@device_pages.post("/perangkat/tablet")
@require_roles(Role.ADMIN)
def create_tablet_link() -> tuple[str, int]:
    raw = request.form.get("counter", "")
    try:
        counter = int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 6 else 0
        secret = tablets.create_tablet_link(current_office(), counter, acting_user_id() or 0)
    except DomainError as error:
        return _devices_page(error=error.message, status=422)
    link = f"{public_base_url()}/survei/tablet/pasang?kode={secret}"
    return _devices_page(tablet_link=link, tablet_counter=counter, status=201)


@device_pages.post("/perangkat/tablet/<int:pairing_id>/cabut")
@require_roles(Role.ADMIN)
def revoke_tablet(pairing_id: int) -> Response:
    counter = tablets.revoke_tablet_pairing(current_office(), pairing_id, acting_user_id())
    flash(f"Tablet survei loket {counter} dicabut. Tablet itu harus dipasangkan ulang.")
    return redirect_to("/admin/perangkat")


@device_pages.get("/audit")
@require_roles(Role.ADMIN)
def audit_log() -> tuple[str, int]:
    office = current_office()
    entries = [{**entry, "local": office.clock.local(datetime.fromisoformat(entry["at"]))
                .strftime("%d/%m/%Y %H.%M")} for entry in audit.recent_entries(office)]
    return _render("admin/audit.html", active="audit", labels=ACTION_LABELS, entries=entries,
                   zone=office.clock.zone_name)


def _devices_page(error: str | None = None, form: dict[str, str] | None = None,
                  status: int = 200, **context: object) -> tuple[str, int]:
    office = current_office()
    pending = [(link, office.clock.format_time(link.expires_at))
               for link in pairing_links.pending_links(office)]
    return _render("admin/devices.html", status, active="devices", error=error,
                   form=form or {"name": "", "zone": ""}, role_labels=ROLE_LABELS,
                   zones=office.settings.zones,
                   devices=devices.list_devices(office), pending=pending,
                   tablets=tablets.list_tablet_pairings(office),
                   counters=office.settings.counters,
                   agencies=office.settings.agencies if office.settings.has_agencies else (),
                   valid_minutes=pairing_links.VALID_MINUTES,
                   local_only=request.host.split(":")[0] in LOOPBACK_HOSTS, **context)
