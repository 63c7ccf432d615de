"""Complaint pages: the public form and status check, and the admin's list and reply form."""

from __future__ import annotations

import hashlib
import hmac
import io
from dataclasses import replace
from typing import Any
from urllib.parse import quote

from flask import Blueprint, current_app, render_template, request, send_file
from werkzeug.wrappers import Response

from antrean.config import AgencySettings
from antrean.core.access import Role
from antrean.core.complaint_deadline import CHANNELS, parse_channel, parse_lapor_number
from antrean.core.complaints import (
    CATEGORIES,
    MAX_MESSAGE,
    STATUS_LABELS,
    ComplaintForm,
    ComplaintStatus,
    parse_complaint,
    parse_reply,
    status_after_reply,
)
from antrean.core.errors import DomainError, ErrorKind
from antrean.core.scope import complaint_agency
from antrean.usecases.feedback import complaints
from antrean.usecases.feedback.complaint_recap import monthly_recap, parse_month
from antrean.usecases.feedback.standards import complaint_channels
from antrean.web.auth import (
    acting_agency,
    acting_user_id,
    current_principal,
    public,
    require_roles,
)
from antrean.web.complaint_workbook import recap_workbook
from antrean.web.office import current_office, office_today
from antrean.web.paths import redirect_to
from antrean.web.scope_guard import Scope, agency_choices, agency_in_scope, scoped

complaint_pages = Blueprint("complaints", __name__, url_prefix="/pengaduan")
complaint_admin = Blueprint("complaint_admin", __name__, url_prefix="/admin/pengaduan")


@complaint_pages.get("")
@public
def complaint_form() -> str:
    return _form_page({}, None, 200)[0]


@complaint_pages.post("")
@public
def file_complaint() -> Response | tuple[str, int]:
    form = request.form
    try:
        parsed = _with_agency(parse_complaint(form.get("category"), form.get("message"),
                                              form.get("name"), form.get("contact"),
                                              form.get("ticket_number")), form)
        code = complaints.file_complaint(current_office(), parsed, _client_hash())
    except DomainError as error:
        status = 429 if error.code == "too_many_complaints" else 422
        return _form_page(form, error.message, status)
    return redirect_to(f"/pengaduan/cek?kode={quote(code)}&baru=1")


@complaint_pages.get("/cek")
@public
def track() -> tuple[str, int]:
    code = request.args.get("kode", "").strip()[:40]
    complaint, error = None, None
    if code:
        try:
            complaint = complaints.track_complaint(current_office(), code)
        except DomainError as failure:
            if failure.kind is not ErrorKind.NOT_FOUND:
                raise
            error = failure.message
    return render_template("pengaduan/track.html", code=code, complaint=complaint, error=error,
                           new=request.args.get("baru") == "1",
                           channels=complaint_channels(current_office())), (404 if error else 200)


@complaint_admin.get("")
@require_roles(Role.ADMIN)
@scoped(Scope.AGENCY)  # narrowed to an agency-bound person's own agency
def admin_list() -> str:
    status = request.args.get("status") or None
    agency = agency_in_scope(current_principal(), request.args.get("instansi"))
    listing = complaints.list_complaints(current_office(), status, agency)
    return render_template("admin/pengaduan_list.html", listing=listing, status=status,
                           statuses=STATUS_LABELS, active="pengaduan",
                           principal=current_principal())


@complaint_admin.get("/rekap")
@require_roles(Role.ADMIN)
@scoped(Scope.AGENCY)  # narrowed to an agency-bound person's own agency
def admin_recap() -> tuple[str, int]:
    office = current_office()
    agency = agency_in_scope(current_principal(), request.args.get("instansi"))
    try:
        month = parse_month(request.args.get("bulan"), office_today())
    except DomainError as error:
        return _recap_page(monthly_recap(office, office_today().replace(day=1), agency),
                           error.message), 422
    return _recap_page(monthly_recap(office, month, agency), None), 200


@complaint_admin.get("/rekap.xlsx")
@require_roles(Role.ADMIN)
@scoped(Scope.AGENCY)  # narrowed to an agency-bound person's own agency
def admin_recap_xlsx() -> Response:
    office = current_office()
    agency = agency_in_scope(current_principal(), request.args.get("instansi"))
    recap = monthly_recap(office, parse_month(request.args.get("bulan"), office_today()), agency)
    buffer = io.BytesIO()
    recap_workbook(recap, office.settings.office.name).save(buffer)
    buffer.seek(0)
    suffix = f"-{agency}" if agency else ""
    return send_file(
        buffer, as_attachment=True,
        download_name=f"rekap-pengaduan-{recap['month']}{suffix}.xlsx",
        mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


@complaint_admin.get("/baru")
@require_roles(Role.ADMIN)
@scoped(Scope.AGENCY)  # narrowed to an agency-bound person's own agency
def admin_new() -> tuple[str, int]:
    return _new_page({}, None, 200)


@complaint_admin.post("/baru")
@require_roles(Role.ADMIN)
@scoped(Scope.AGENCY)  # narrowed to an agency-bound person's own agency
def admin_record() -> Response | tuple[str, int]:
    """A complaint from SP4N-LAPOR!, WhatsApp or the box, entered so its deadline counts."""
    form = request.form
    try:
        channel = parse_channel(form.get("channel"))
        lapor_number = parse_lapor_number(form.get("lapor_number"), channel)
        parsed = _with_agency(parse_complaint(form.get("category"), form.get("message"),
                                              form.get("name"), form.get("contact"),
                                              form.get("ticket_number")), form)
        code = complaints.record_complaint(current_office(), parsed, channel, lapor_number)
    except DomainError as error:
        if error.kind is not ErrorKind.INVALID:
            raise
        return _new_page(form, error.message, 422)
    return redirect_to(f"/admin/pengaduan/{quote(code)}")


@complaint_admin.get("/<code>")
@require_roles(Role.ADMIN)
@scoped(Scope.AGENCY)  # narrowed to an agency-bound person's own agency
def admin_detail(code: str) -> str:
    return _detail_page(code, None, {}, 200)[0]


@complaint_admin.post("/<code>")
@require_roles(Role.ADMIN)
@scoped(Scope.AGENCY)  # narrowed to an agency-bound person's own agency
def admin_reply(code: str) -> Response | tuple[str, int]:
    try:
        body, status = parse_reply(request.form.get("body"), request.form.get("status"))
        complaints.reply_to_complaint(current_office(), code, body, status, acting_user_id(),
                                      agency_in_scope(current_principal(), None))
    except DomainError as error:
        if error.kind is not ErrorKind.INVALID:
            raise
        return _detail_page(code, error.message, request.form, 422)
    return redirect_to(f"/admin/pengaduan/{quote(code)}?terkirim=1")


def _with_agency(parsed: ComplaintForm, form: Any) -> ComplaintForm:
    return replace(parsed, agency=complaint_agency(acting_agency(), form.get("instansi")))


def _agencies() -> tuple[AgencySettings, ...]:
    return agency_choices(current_principal())


def _form_page(values: Any, error: str | None, status: int) -> tuple[str, int]:
    return render_template("pengaduan/form.html", values=values, error=error,
                           categories=CATEGORIES, max_message=MAX_MESSAGE,
                           channels=complaint_channels(current_office()),
                           agencies=_agencies()), status


def _detail_page(code: str, error: str | None, values: Any, status: int) -> tuple[str, int]:
    complaint = complaints.complaint_detail(current_office(), code,
                                            agency_in_scope(current_principal(), None))
    return render_template("admin/pengaduan_detail.html", complaint=complaint, error=error,
                           active="pengaduan", principal=current_principal(),
                           values=values, statuses=STATUS_LABELS,
                           next_status=values.get("status")
                           or status_after_reply(ComplaintStatus(complaint.status)).value,
                           sent=request.args.get("terkirim") == "1"), status


def _recap_page(recap: dict[str, Any], error: str | None) -> str:
    return render_template("admin/pengaduan_rekap.html", recap=recap, error=error,
                           active="pengaduan", principal=current_principal(),
                           agencies=_agencies())


def _new_page(values: Any, error: str | None, status: int) -> tuple[str, int]:
    return render_template("admin/pengaduan_baru.html", values=values, error=error,
                           categories=CATEGORIES, channels=CHANNELS, max_message=MAX_MESSAGE,
                           active="pengaduan", principal=current_principal(),
                           agencies=_agencies()), status


def _client_hash() -> str:
    """A keyed hash of the sender's address: enough to slow a flood, useless to identify."""
    key = str(current_app.config["SECRET_KEY"]).encode()
    address = (request.remote_addr or "unknown").encode()
    return hmac.new(key, address, hashlib.sha256).hexdigest()
