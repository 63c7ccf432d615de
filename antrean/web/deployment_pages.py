"""The deployment of many offices, for its admin (the root office's admin for every agency):
the register of offices (/admin/daftar-kantor), the live dashboard of every office (/kantor,
GET /api/v1/deployment/offices) and the offices side by side (/laporan/kantor, CSV, XLSX).

Each handler resolves the offices' apps (web.deployment) and calls one use case."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    jsonify,
    render_template,
    request,
)

from antrean.core.access import Role
from antrean.core.errors import DomainError
from antrean.core.offices import ROOT_OFFICE_CODE, office_path
from antrean.usecases.context import Office
from antrean.usecases.reports.office_comparison import (
    compare_offices,
    offices_csv,
    offices_xlsx,
)
from antrean.usecases.screens.office_overview import (
    OfficeRow,
    deployment_totals,
    office_row,
)
from antrean.usecases.setup.offices import register_office, registered_offices
from antrean.web.auth import acting_user_id, current_principal, require_roles
from antrean.web.comparison_files import asked_period, comparison_file
from antrean.web.deployment import OFFICE_APPS_KEY, OfficeApps
from antrean.web.office import EXTENSION_KEY, current_office
from antrean.web.paths import redirect_to

deployment_pages = Blueprint("deployment", __name__)
# The time zones of Indonesia: WIB, WITA, WIT.
TIMEZONES = (("Asia/Jakarta", "WIB (Asia/Jakarta)"), ("Asia/Makassar", "WITA (Asia/Makassar)"),
             ("Asia/Jayapura", "WIT (Asia/Jayapura)"))
OFFICE_FIELDS = ("code", "name", "address", "timezone")


def _offices_apps() -> OfficeApps:
    apps: OfficeApps = current_app.extensions[OFFICE_APPS_KEY]
    return apps


def _office(code: str) -> Office | None:
    """The office by its dashboard code (the root's is ROOT_OFFICE_CODE)."""
    if code == ROOT_OFFICE_CODE:
        return current_office()
    app = _offices_apps().app_for(code)
    return app.extensions[EXTENSION_KEY] if app is not None else None


def _offices() -> list[tuple[str, Office]]:
    found = [(ROOT_OFFICE_CODE, current_office())]
    for entry in registered_offices(current_office()):
        office = _office(entry.code)
        if office is not None:
            found.append((entry.code, office))
    return found


def _path(code: str) -> str:
    return request.script_root + ("/" if code == ROOT_OFFICE_CODE else office_path(code) + "/")


def _row_json(row: OfficeRow) -> dict[str, Any]:
    overview = row.overview
    return {"code": row.code, "path": _path(row.code), "available": overview is not None,
            "message": row.message, "longest_wait_label": row.longest_wait_label,
            "counters_label": row.counters_label, **(vars(overview) if overview else {})}


def _rows() -> list[OfficeRow]:
    rows = []
    for code, office in _offices():
        rows.append(office_row(code, office))
    return rows


@deployment_pages.get("/kantor")
@require_roles(Role.ADMIN)
def dashboard() -> str:
    rows = _rows()
    return render_template("admin/deployment.html", principal=current_principal(),
                           active="deployment", rows=[_row_json(row) for row in rows],
                           totals=deployment_totals(rows),
                           deployment_name=current_office().settings.deployment.name)


@deployment_pages.get("/api/v1/deployment/offices")
@require_roles(Role.ADMIN)
def offices_json() -> Response:
    rows = _rows()
    return jsonify({"offices": [_row_json(row) for row in rows],
                    "totals": deployment_totals(rows)})


@deployment_pages.get("/api/v1/deployment/offices/<code>")
@require_roles(Role.ADMIN)
def office_json(code: str) -> Response:
    try:
        office = _office(code)
    except DomainError as error:
        return jsonify(_row_json(OfficeRow(code, None, error.message)))
    if office is None:
        abort(404)
    return jsonify(_row_json(office_row(code, office)))


@deployment_pages.get("/admin/daftar-kantor")
@require_roles(Role.ADMIN)
def office_register() -> tuple[str, int]:
    return _register_page({"timezone": current_office().settings.office.timezone})


def _register_page(form: dict[str, Any], error: str | None = None,
                   status: int = 200) -> tuple[str, int]:
    offices = [{"code": entry.code, "name": entry.name, "address": entry.address,
                "timezone": entry.timezone, "path": _path(entry.code)}
               for entry in registered_offices(current_office())]
    return render_template("admin/offices.html", principal=current_principal(),
                           active="offices", offices=offices, form=form, error=error,
                           timezones=TIMEZONES, root_name=current_office().settings.office.name,
                           root_timezone=current_office().settings.office.timezone), status


@deployment_pages.post("/admin/daftar-kantor")
@require_roles(Role.ADMIN)
def add_office() -> Response | tuple[str, int]:
    form = {key: request.form.get(key, "").strip() for key in OFFICE_FIELDS}
    try:
        office = register_office(current_office(), form, acting_user_id())
        _offices_apps().app_for(office.code)  # its database and set-up, made now
    except DomainError as error:
        return _register_page(form, error.message, 409 if error.code == "office_exists" else 422)
    flash(f"{office.name} terdaftar di {_path(office.code)}. Buka Admin kantor itu untuk "
          "membuat akun admin dan petugasnya, lalu memasangkan kios dan TV-nya.")
    return redirect_to("/admin/daftar-kantor")


@deployment_pages.get("/laporan/kantor")
@require_roles(Role.ADMIN)
def comparison_page() -> str:
    table, first, last = _comparison()
    return render_template("stats/kantor.html", table=table, first=first, last=last,
                           deployment_name=current_office().settings.deployment.name,
                           query=request.query_string.decode())


@deployment_pages.get("/laporan/kantor.<any(csv, xlsx):kind>")
@require_roles(Role.ADMIN)
def comparison_download(kind: str) -> Response:
    table, first, last = _comparison()
    return comparison_file(kind, "perbandingan-kantor", first, last, lambda: offices_csv(table),
                           lambda: offices_xlsx(table, current_office().settings.deployment.name))


@deployment_pages.get("/api/v1/reports/offices")
@require_roles(Role.ADMIN)
def comparison_json() -> Response:
    return jsonify(_comparison()[0])


def _comparison() -> tuple[dict[str, Any], date, date]:
    """from/to are local days, each office's own."""
    first, last = asked_period()
    return compare_offices(_offices(), first, last), first, last
