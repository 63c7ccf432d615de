"""The IKM report for the admin (/admin/ikm), its XLSX export and GET /api/v1/ikm."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

from flask import Blueprint, Response, jsonify, render_template, request, send_file

from antrean.core.access import Role
from antrean.core.clock import MONTH_NAMES
from antrean.core.ikm import GRADES, format_decimal
from antrean.usecases.reports.ikm_report import IkmReport, ikm_report
from antrean.usecases.reports.reports import parse_period
from antrean.web.auth import STAFF, current_principal, require_roles
from antrean.web.ikm_workbook import ikm_workbook
from antrean.web.office import current_office, office_today
from antrean.web.scope_guard import Scope, agency_choices, agency_in_scope, scoped

ikm_admin = Blueprint("ikm_admin", __name__, url_prefix="/admin")
ikm_api = Blueprint("ikm_api", __name__, url_prefix="/api/v1")
PAGE_AGENCY = "instansi"  # the query parameter of the pages; the API says `agency`


def _report_from_args(agency_arg: str) -> IkmReport:
    """from/to are office-local days; without them, this month up to today. The agency is
    `instansi` on the pages, `agency` in the API."""
    today = office_today()
    start = request.args.get("from") or today.replace(day=1).isoformat()
    end = request.args.get("to") or (today.isoformat() if not request.args.get("from") else None)
    first, last = parse_period(start, end, today)
    service = request.args.get("service") or None
    office = current_office()
    agency = agency_in_scope(current_principal(), request.args.get(agency_arg))
    return ikm_report(office, first, last, service, agency)


@ikm_admin.get("/ikm")
@require_roles(Role.ADMIN)
@scoped(Scope.AGENCY)  # narrowed to an agency-bound person's own agency
def ikm_page() -> str:
    report = _report_from_args(PAGE_AGENCY)
    grades = [(g, _grade_range(i)) for i, g in enumerate(GRADES)]
    settings = current_office().settings
    return render_template("admin/ikm.html", report=report, grades=grades, active="ikm",
                           principal=current_principal(),
                           services=settings.services,
                           agencies=agency_choices(current_principal()),
                           period_label=_period_label(report),
                           query=request.query_string.decode())


@ikm_admin.get("/ikm.xlsx")
@require_roles(Role.ADMIN)
@scoped(Scope.AGENCY)  # narrowed to an agency-bound person's own agency
def ikm_xlsx() -> Response:
    report = _report_from_args(PAGE_AGENCY)
    buffer = io.BytesIO()
    ikm_workbook(report, current_office().settings.office.name).save(buffer)
    buffer.seek(0)
    suffix = "".join(f"-{chosen}" for chosen in (report["agency"], report["service"]) if chosen)
    return send_file(
        buffer, as_attachment=True,
        download_name=f"ikm-{report['from']}-{report['to']}{suffix}.xlsx",
        mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


@ikm_api.get("/ikm")
@require_roles(*STAFF)
@scoped(Scope.AGENCY)  # narrowed to an agency-bound person's own agency
def ikm_json() -> Response:
    return jsonify(_report_from_args("agency"))


def long_date(day: date) -> str:
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def _period_label(report: IkmReport) -> str:
    first, last = date.fromisoformat(report["from"]), date.fromisoformat(report["to"])
    if first == last:
        return long_date(first)
    return f"{long_date(first)} s.d. {long_date(last)}"


def _grade_range(index: int) -> str:
    """The table's range of a grade, as the regulation prints it: "76,61 - 88,30"."""
    highest = Decimal(100) if index == 0 else GRADES[index - 1].lowest - Decimal("0.01")
    return f"{format_decimal(GRADES[index].lowest)} - {format_decimal(highest)}"
