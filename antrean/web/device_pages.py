"""Admin pages for paired devices (TVs, kiosks) and the audit log."""

from __future__ import annotations

from datetime import datetime

from flask import Blueprint, flash, redirect, render_template, request
from werkzeug.wrappers import Response

from antrean.core.access import Role
from antrean.core.errors import DomainError
from antrean.usecases.access import audit, devices
from antrean.web.auth import acting_user_id, current_principal, require_roles
from antrean.web.office import current_office

device_pages = Blueprint("device_pages", __name__, url_prefix="/admin")

ROLE_LABELS = {"display": "Layar TV", "kiosk": "Kios"}
ACTION_LABELS = {
    audit.USER_CREATED: "Pengguna dibuat",
    audit.USER_DEACTIVATED: "Pengguna dinonaktifkan",
    audit.RUNNING_TEXT_CHANGED: "Teks berjalan diubah",
    audit.DEVICE_CREATED: "Perangkat dibuat",
    audit.DEVICE_REVOKED: "Perangkat dicabut",
    audit.CALLED_OUT_OF_ORDER: "Panggilan di luar urutan",
    audit.COUNTER_RELEASED: "Loket dilepas admin",
}


def _render(template: str, status: int = 200, **context: object) -> tuple[str, int]:
    return render_template(template, principal=current_principal(), **context), status


@device_pages.get("/perangkat")
@require_roles(Role.ADMIN)
def device_list() -> tuple[str, int]:
    return _devices_page()


@device_pages.post("/perangkat")
@require_roles(Role.ADMIN)
def create_device() -> tuple[str, int]:
    name, role = request.form.get("name", ""), request.form.get("role", "")
    public_url = request.form.get("public_url", "")
    try:
        device, token = devices.create_device(current_office(), name, role, acting_user_id(),
                                              public_url=public_url)
    except DomainError as error:
        return _devices_page(error=error.message, status=422,
                             form={"name": name, "role": role, "public_url": public_url})
    # Shown on this page only: the token is stored as a hash and cannot be shown again.
    pair_url = f"{request.host_url.rstrip('/')}/devices/pair?token={token}"
    return _devices_page(created=device, pair_url=pair_url, status=201)


@device_pages.post("/perangkat/<int(max=2147483647):device_id>/cabut")
@require_roles(Role.ADMIN)
def revoke_device(device_id: int) -> Response:
    device = devices.revoke_device(current_office(), device_id, acting_user_id())
    flash(f"Perangkat {device['name']} dicabut. Layarnya harus dipasangkan ulang.")
    return redirect("/admin/perangkat")


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
    return _render("admin/devices.html", status, active="devices", error=error,
                   form=form or {"name": "", "role": "display", "public_url": ""},
                   role_labels=ROLE_LABELS,
                   devices=devices.list_devices(current_office()), **context)
