"""The kepala's pages: the live monitor (staff) and the period report with downloads (admin)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any
from urllib.parse import urlencode

from flask import Blueprint, Response, jsonify, render_template, request

from antrean.config import Settings
from antrean.core.access import Role
from antrean.core.errors import DomainError, ErrorKind
from antrean.usecases.reports.report_export import to_csv, to_xlsx
from antrean.usecases.reports.reports import parse_period, parse_service, stats
from antrean.usecases.screens.monitor import monitor_view
from antrean.web.auth import STAFF, current_principal, require_roles
from antrean.web.charts import Bar, bar_chart, trend_chart
from antrean.web.number_format import register_filters
from antrean.web.office import current_office, office_today
from antrean.web.scope_guard import Scope, agency_choices, agency_in_scope, scoped

report_pages = Blueprint("reports", __name__)
register_filters(report_pages)


@report_pages.get("/monitor")
@require_roles(*STAFF)
@scoped(Scope.AGENCY)  # narrowed to an agency-bound person's own agency
def monitor() -> str:
    principal = current_principal()
    office = current_office()
    data = monitor_view(office, agency_in_scope(principal, request.args.get("instansi")))
    return render_template("stats/monitor.html", data=data,
                           can_report=principal is not None and principal.role == Role.ADMIN)


@report_pages.get("/monitor/data.json")
@require_roles(*STAFF)
@scoped(Scope.AGENCY)  # narrowed to an agency-bound person's own agency
def monitor_data() -> Response:
    return jsonify(monitor_view(current_office(),
                                agency_in_scope(current_principal(), request.args.get("instansi"))))


@report_pages.get("/laporan")
@require_roles(Role.ADMIN)
@scoped(Scope.AGENCY)  # narrowed to an agency-bound person's own agency
def report_page() -> tuple[str, int]:
    error, status = None, 200
    try:
        report, first, last = _report_from_args(request.args)
    except DomainError as problem:
        if problem.kind is not ErrorKind.INVALID:
            raise
        error, status = problem.message, 422  # keep the page, say what was wrong
        report, first, last = _report_from_args({})
    filters = {key: value for key, value in (("service", report["service_filter"]),
                                             ("instansi", report["agency_filter"])) if value}
    query = urlencode({"from": first.isoformat(), "to": last.isoformat(), **filters})
    settings = current_office().settings
    return render_template(
        "stats/laporan.html", report=report, first=first, last=last, error=error, can_report=True,
        services=settings.services, presets=_presets(office_today()),
        charts=_charts(report), query=query, filters=urlencode(filters),
        agencies=agency_choices(current_principal()),
        agency_name=_agency_name(settings, report["agency_filter"]),
    ), status


def _agency_name(settings: Settings, code: str | None) -> str | None:
    agency = settings.agency(code) if code else None
    return agency.short_name if agency else None


@report_pages.get("/laporan/unduh.<any(csv, xlsx):kind>")
@require_roles(Role.ADMIN)
@scoped(Scope.AGENCY)  # narrowed to an agency-bound person's own agency
def report_download(kind: str) -> Response:
    report, first, last = _report_from_args(request.args)
    name = f"laporan-antrean-{first.isoformat()}-{last.isoformat()}"
    for chosen in (report["agency_filter"], report["service_filter"]):
        if chosen:
            name += f"-{chosen}"
    if kind == "csv":
        body: bytes = to_csv(report).encode("utf-8-sig")  # BOM: Excel reads it as UTF-8
        mimetype = "text/csv; charset=utf-8"
    else:
        body = to_xlsx(report, current_office().settings)
        mimetype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return Response(body, mimetype=mimetype, headers={
        "Content-Disposition": f'attachment; filename="{name}.{kind}"'})


def _report_from_args(args: Mapping[str, str]) -> tuple[dict[str, Any], date, date]:
    """The period, agency and service asked for; by default the last seven days."""
    office = current_office()
    today = office_today()
    start = args.get("from") or (today - timedelta(days=6)).isoformat()
    first, last = parse_period(start, args.get("to") or today.isoformat(), today)
    service = parse_service(office, args.get("service"))
    agency = agency_in_scope(current_principal(), args.get("instansi"))
    return stats(office, first, last, service, agency), first, last


def _presets(today: date) -> list[tuple[str, date, date]]:
    month_start = today.replace(day=1)
    last_month_end = month_start - timedelta(days=1)
    return [
        ("Hari ini", today, today),
        ("7 hari", today - timedelta(days=6), today),
        ("Bulan ini", month_start, today),
        ("Bulan lalu", last_month_end.replace(day=1), last_month_end),
        ("Tahun ini", today.replace(month=1, day=1), today),
    ]


def _minutes(seconds: float | None) -> float | None:
    return None if seconds is None else seconds / 60


def _charts(report: dict[str, Any]) -> dict[str, Any]:
    busy = [h for h in report["hours"] if h["issued"]]
    low = min((h["hour"] for h in busy), default=7)
    high = max((h["hour"] for h in busy), default=16)
    hours = [h for h in report["hours"] if low <= h["hour"] <= high]
    by_hour = [Bar(f"{h['hour']:02d}", _minutes(h["waiting_seconds"]["median"]),
                   _minutes(h["waiting_seconds"]["p90"]),
                   f"{h['hour']:02d}.00: {h['issued']} nomor") for h in hours]
    by_service = [Bar(s["service"], _minutes(s["waiting_seconds"]["median"]),
                      _minutes(s["waiting_seconds"]["p90"]), s["name"])
                  for s in report["services"]]
    days = [(d["day"], d["issued"], _minutes(d["waiting_seconds"]["mean"]))
            for d in report["days"]]
    return {
        "hours": bar_chart(by_hour, "menit", "Waktu tunggu per jam"),
        "services": bar_chart(by_service, "menit", "Waktu tunggu per layanan"),
        "trend": trend_chart(days, "menit", "Tren harian"),
    }
