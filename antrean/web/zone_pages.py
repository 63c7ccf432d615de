"""Admin pages for lobby zones (/admin/zona): which loket each group of TVs shows and speaks.

Each handler parses the form, calls one use case (usecases.setup.zones) and shows its message;
a refused value keeps what the admin typed.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, render_template, request
from werkzeug.datastructures import MultiDict
from werkzeug.wrappers import Response

from antrean.core.access import Role
from antrean.core.errors import DomainError, not_found
from antrean.usecases.access.devices import list_devices
from antrean.usecases.setup import zones
from antrean.web.auth import acting_user_id, current_principal, require_roles
from antrean.web.office import current_office
from antrean.web.paths import redirect_to
from antrean.web.setup_forms import number

zone_pages = Blueprint("zone_pages", __name__, url_prefix="/admin")


def zone_changes(form: MultiDict[str, str], new: bool) -> dict[str, Any]:
    """The form as a [[zones]] table; empty fields drop their key."""
    changes: dict[str, Any] = {
        "name": form.get("name", "").strip(),
        "counters": [number(value) for value in form.getlist("counters")],
        "agencies": form.getlist("agencies"),
        "running_text": " ".join(form.get("running_text", "").split()),
    }
    if new:
        changes["code"] = form.get("code", "").strip()
    return changes


@zone_pages.get("/zona")
@require_roles(Role.ADMIN)
def zone_list() -> tuple[str, int]:
    return _zones_page()


@zone_pages.get("/zona/baru")
@require_roles(Role.ADMIN)
def new_zone() -> tuple[str, int]:
    return _zone_form(None, {})


@zone_pages.post("/zona/baru")
@require_roles(Role.ADMIN)
def add_zone() -> Response | tuple[str, int]:
    changes = zone_changes(request.form, new=True)
    try:
        zones.save_zone(current_office(), None, changes, acting_user_id())
    except DomainError as error:
        return _zone_form(None, changes, error, 422)
    flash(f"Zona {changes['name']} ditambahkan. Pilih zona ini untuk layar TV di menu "
          "Perangkat.")
    return redirect_to("/admin/zona")


@zone_pages.get("/zona/<code>/ubah")
@require_roles(Role.ADMIN)
def edit_zone(code: str) -> tuple[str, int]:
    table = next((t for t in zones.zone_tables(current_office()) if t["code"] == code), None)
    if table is None:
        raise not_found("unknown_zone", f"Zona '{code}' tidak dikenal.")
    return _zone_form(code, table)


@zone_pages.post("/zona/<code>/ubah")
@require_roles(Role.ADMIN)
def save_zone(code: str) -> Response | tuple[str, int]:
    changes = zone_changes(request.form, new=False)
    try:
        zones.save_zone(current_office(), code, changes, acting_user_id())
    except DomainError as error:
        return _zone_form(code, {"code": code, **changes}, error, 422)
    flash(f"Zona {changes['name']} disimpan; layar TV-nya langsung diperbarui.")
    return redirect_to("/admin/zona")


@zone_pages.post("/zona/<code>/hapus")
@require_roles(Role.ADMIN)
def remove_zone(code: str) -> Response | tuple[str, int]:
    try:
        zones.remove_zone(current_office(), code, acting_user_id())
    except DomainError as error:
        return _zones_page(error.message, 409 if error.code == "zone_in_use" else 422)
    flash(f"Zona {code} dihapus.")
    return redirect_to("/admin/zona")


def _zones_page(error: str | None = None, status: int = 200) -> tuple[str, int]:
    office = current_office()
    tvs: dict[str, list[str]] = {}
    for device in list_devices(office):
        if device["zone"] and not device["revoked_at"]:
            tvs.setdefault(device["zone"], []).append(device["name"])
    return _render("admin/zones.html", status, zones=office.settings.zones, tvs=tvs,
                   counter_names={c.number: c.name for c in office.settings.counters},
                   error=error)


def _zone_form(code: str | None, table: dict[str, Any], error: DomainError | None = None,
               status: int = 200) -> tuple[str, int]:
    settings = current_office().settings
    return _render("admin/zone_form.html", status, code=code, table=table,
                   counters=settings.counters,
                   agencies=settings.agencies if settings.has_agencies else (),
                   error=error.message if error else None)


def _render(template: str, status: int = 200, **context: object) -> tuple[str, int]:
    return render_template(template, principal=current_principal(), active="zones",
                           **context), status
