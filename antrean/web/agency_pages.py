"""/admin/instansi: the agencies of a Mal Pelayanan Publik, edited while the building runs.

Each handler parses the form, calls one use case and shows its message; a refused value keeps
what the admin typed, with the config's message above the form.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, render_template, request
from werkzeug.datastructures import MultiDict
from werkzeug.wrappers import Response

from antrean.core.access import Role
from antrean.core.errors import DomainError, ErrorKind, not_found
from antrean.core.media_rules import MAX_IMAGE_BYTES, megabytes
from antrean.usecases.setup import agencies
from antrean.usecases.setup.views import agency_table, setup_view
from antrean.web.auth import acting_agency, acting_user_id, current_principal, require_roles
from antrean.web.office import current_office
from antrean.web.paths import redirect_to
from antrean.web.scope_guard import Scope, scoped
from antrean.web.upload_limits import accepts_upload

agency_pages = Blueprint("agency_pages", __name__, url_prefix="/admin/instansi")


def _render(template: str, status: int = 200, **context: object) -> tuple[str, int]:
    return render_template(template, principal=current_principal(), active="agencies",
                           **context), status


def agency_changes(form: MultiDict[str, str], new: bool) -> dict[str, Any]:
    changes = {key: form.get(key, "") for key in ("name", "short_name", "logo")}
    if new:
        changes["code"] = form.get("code", "")
    return changes


@agency_pages.get("")
@require_roles(Role.ADMIN)
def agency_list() -> tuple[str, int]:
    return _list_page()


def _list_page(error: str | None = None, status: int = 200) -> tuple[str, int]:
    office = current_office()
    view = setup_view(office)  # first: brings office.settings to what the database holds
    settings = office.settings
    rows = [{"table": table, "services": settings.services_of(table["code"]),
             "counters": settings.counters_of(table["code"])} for table in view["agencies"]]
    return _render("admin/agencies.html", status, rows=rows, error=error)


@agency_pages.get("/baru")
@require_roles(Role.ADMIN)
def new_agency() -> tuple[str, int]:
    return _form(None, {})


@agency_pages.post("/baru")
@require_roles(Role.ADMIN)
def add_agency() -> Response | tuple[str, int]:
    changes = agency_changes(request.form, new=True)
    try:
        table = agencies.save_agency(current_office(), None, changes, acting_user_id())
    except DomainError as error:
        return _form(None, changes, error, 422)
    flash(f"Instansi {table.get('short_name') or table['name']} ditambahkan; tambahkan "
          "layanannya di Layanan & Loket.")
    return redirect_to("/admin/instansi")


@agency_pages.get("/<code>/ubah")
@require_roles(Role.ADMIN)
def edit_agency(code: str) -> tuple[str, int]:
    table = agency_table(current_office(), code)
    if table is None:
        raise not_found("unknown_agency", f"Instansi '{code}' tidak dikenal.")
    return _form(code, table)


@agency_pages.post("/<code>/ubah")
@require_roles(Role.ADMIN)
def save_agency(code: str) -> Response | tuple[str, int]:
    changes = agency_changes(request.form, new=False)
    try:
        agencies.save_agency(current_office(), code, changes, acting_user_id())
    except DomainError as error:
        return _form(code, {"code": code, **changes}, error, 422)
    flash("Instansi disimpan; kiosk dan TV langsung memakai nama dan logonya.")
    return redirect_to("/admin/instansi")


@agency_pages.post("/<code>/hapus")
@require_roles(Role.ADMIN)
def remove_agency(code: str) -> Response | tuple[str, int]:
    try:
        agencies.remove_agency(current_office(), code, acting_user_id())
    except DomainError as error:
        return _list_page(error.message, 409 if error.code != "invalid_setting" else 422)
    flash(f"Instansi {code} dihapus.")
    return redirect_to("/admin/instansi")


@agency_pages.get("/<agency>/logo")
@require_roles(Role.ADMIN)
@scoped(Scope.OWN_AGENCY)
def logo_form(agency: str) -> tuple[str, int]:
    return _logo_page(agency)


@agency_pages.post("/<agency>/logo")
@accepts_upload(MAX_IMAGE_BYTES)
@require_roles(Role.ADMIN)
@scoped(Scope.OWN_AGENCY)
def upload_logo(agency: str) -> Response | tuple[str, int]:
    """The agency's logo: uploaded by its own admin or the office admin, shown at once on
    the kiosk and the TVs."""
    sent = request.files.get("file")
    filename, data = (sent.filename or "", sent.stream.read(MAX_IMAGE_BYTES + 1)) if sent \
        else ("", b"")
    try:
        name = agencies.upload_agency_logo(current_office(), agency, filename, data,
                                           acting_user_id(), acting_agency())
    except DomainError as error:
        if error.kind is not ErrorKind.INVALID:
            raise
        return _logo_page(agency, error.message, 422)
    flash(f"Logo diunggah ({name}); kiosk dan TV langsung memakainya.")
    return redirect_to(f"/admin/instansi/{agency}/logo")


def _logo_page(code: str, error: str | None = None, status: int = 200) -> tuple[str, int]:
    table = agency_table(current_office(), code)
    if table is None:
        raise not_found("unknown_agency", f"Instansi '{code[:32]}' tidak dikenal.")
    return _render("admin/agency_logo.html", status, code=code, table=table, error=error,
                   max_image=megabytes(MAX_IMAGE_BYTES))


def _form(code: str | None, table: dict[str, Any], error: DomainError | None = None,
          status: int = 200) -> tuple[str, int]:
    return _render("admin/agency_form.html", status, code=code, table=table,
                   error=error.message if error else None)
