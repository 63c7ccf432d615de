"""Agencies of an MPP side by side (admin): /laporan/instansi, its CSV and XLSX, and
GET /api/v1/reports/agencies. A single office has no agencies: these answer 404."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, Response, abort, jsonify, render_template, request

from antrean.core.access import Role
from antrean.usecases.reports.agency_comparison import AgencyComparison, compare_agencies
from antrean.usecases.reports.agency_export import comparison_csv, comparison_xlsx
from antrean.web.auth import require_roles
from antrean.web.comparison_files import asked_period, comparison_file
from antrean.web.office import current_office

agency_report_pages = Blueprint("agency_reports", __name__)
agency_report_api = Blueprint("agency_report_api", __name__, url_prefix="/api/v1")


@agency_report_pages.get("/laporan/instansi")
@require_roles(Role.ADMIN)
def comparison_page() -> str:
    table, first, last = _comparison()
    return render_template("stats/instansi.html", table=table, first=first, last=last,
                           can_report=True, query=request.query_string.decode())


@agency_report_pages.get("/laporan/instansi.<any(csv, xlsx):kind>")
@require_roles(Role.ADMIN)
def comparison_download(kind: str) -> Response:
    table, first, last = _comparison()
    return comparison_file(kind, "perbandingan-instansi", first, last,
                           lambda: comparison_csv(table),
                           lambda: comparison_xlsx(table, current_office().settings.office.name))


@agency_report_api.get("/reports/agencies")
@require_roles(Role.ADMIN)
def comparison_json() -> Response:
    return jsonify(_comparison()[0])


def _comparison() -> tuple[AgencyComparison, date, date]:
    """from/to are office-local days; by default the last seven days."""
    office = current_office()
    if not office.settings.has_agencies:
        abort(404)
    first, last = asked_period()
    return compare_agencies(office, first, last), first, last
