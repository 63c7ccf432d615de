"""Admin pages where the kepala keeps what the office publishes: each service's standard (as
versions), the maklumat pelayanan and the facilities for kelompok rentan."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask import Blueprint, flash, render_template, request
from werkzeug.wrappers import Response

from antrean.core.access import Role
from antrean.core.errors import DomainError
from antrean.core.scope import within
from antrean.core.service_standard import (
    EXTRA_FIELDS,
    INTERNAL_COMPONENTS,
    PUBLISHED_COMPONENTS,
    ServiceStandard,
    standard_from_form,
)
from antrean.usecases.feedback import public_notices as notices
from antrean.usecases.feedback.standard_versions import (
    current_standards,
    save_standard,
    standard_history,
)
from antrean.web.auth import acting_agency, acting_user_id, current_principal, require_roles
from antrean.web.errors import STATUS_BY_KIND
from antrean.web.office import current_office
from antrean.web.paths import redirect_to
from antrean.web.scope_guard import Scope, scoped

standard_admin = Blueprint("standard_admin", __name__, url_prefix="/admin")


def _render(template: str, status: int = 200, **context: Any) -> tuple[str, int]:
    return render_template(template, principal=current_principal(), **context), status


@standard_admin.get("/standar")
@require_roles(Role.ADMIN)
@scoped(Scope.AGENCY)
def standards() -> tuple[str, int]:
    office = current_office()
    current = current_standards(office)
    rows = [{"service": s, "current": current[s.code], "when": _when(current[s.code].saved_at),
             "missing": current[s.code].standard.missing()}
            for s in office.settings.services if within(acting_agency(), s.agency)]
    return _render("admin/standards.html", active="standards", rows=rows)


@standard_admin.get("/standar/<code>")
@require_roles(Role.ADMIN)
@scoped(Scope.SERVICE)
def edit_standard(code: str) -> tuple[str, int]:
    history = standard_history(current_office(), code)
    return _edit_page(code, history, history[0].standard, history[0].version)


@standard_admin.post("/standar/<code>")
@require_roles(Role.ADMIN)
@scoped(Scope.SERVICE)
def post_standard(code: str) -> Response | tuple[str, int]:
    office = current_office()
    history = standard_history(office, code)  # 404 for an unknown service, before parsing
    form = {key: request.form.get(key, "") for key in request.form}
    base = _int(form.get("base_version"))
    try:
        version = save_standard(office, code, standard_from_form(form), base, acting_user_id())
    except DomainError as error:
        return _edit_page(code, history, form, base, error.message,
                          STATUS_BY_KIND[error.kind])
    flash(f"Standar pelayanan disimpan sebagai versi {version} dan langsung tampil di "
          f"/layanan.")
    return redirect_to(f"/admin/standar/{code}")


@standard_admin.get("/maklumat")
@require_roles(Role.ADMIN)
@scoped(Scope.OFFICE)
def edit_notices() -> tuple[str, int]:
    office = current_office()
    maklumat = notices.current_maklumat(office)
    return _notices_page({"text": maklumat.text, "signatory": maklumat.signatory,
                          "facilities": "\n".join(notices.current_facilities(office))})


@standard_admin.post("/maklumat")
@require_roles(Role.ADMIN)
@scoped(Scope.OFFICE)
def post_maklumat() -> Response | tuple[str, int]:
    form = {key: request.form.get(key, "") for key in ("text", "signatory", "facilities")}
    try:
        notices.save_maklumat(current_office(), form["text"], form["signatory"],
                              _int(request.form.get("base_version")), acting_user_id())
    except DomainError as error:
        return _notices_page(form, error.message, STATUS_BY_KIND[error.kind])
    flash("Maklumat pelayanan disimpan dan langsung tampil di /maklumat.")
    return redirect_to("/admin/maklumat")


@standard_admin.post("/fasilitas")
@require_roles(Role.ADMIN)
@scoped(Scope.OFFICE)
def post_facilities() -> Response | tuple[str, int]:
    form = {key: request.form.get(key, "") for key in ("text", "signatory", "facilities")}
    try:
        notices.save_facilities(current_office(), form["facilities"],
                                _int(request.form.get("base_version")), acting_user_id())
    except DomainError as error:
        office = current_office()
        maklumat = notices.current_maklumat(office)
        return _notices_page({**form, "text": maklumat.text, "signatory": maklumat.signatory},
                             error.message, STATUS_BY_KIND[error.kind])
    flash("Daftar fasilitas disimpan dan langsung tampil di /layanan dan kios.")
    return redirect_to("/admin/maklumat")


def _edit_page(code: str, history: list[Any], standard: ServiceStandard | dict[str, Any],
               base: int, error: str | None = None, status: int = 200) -> tuple[str, int]:
    office = current_office()
    values = standard.to_json() if isinstance(standard, ServiceStandard) else standard
    return _render("admin/standard_edit.html", status, active="standards",
                   service=office.settings.service(code), values=_as_text(values),
                   base_version=base, error=error, published=PUBLISHED_COMPONENTS,
                   internal=INTERNAL_COMPONENTS, extra=EXTRA_FIELDS,
                   history=[{"version": v.version, "when": _when(v.saved_at), "by": v.saved_by,
                             "sk": v.standard.sk_number} for v in history])


def _notices_page(form: dict[str, str], error: str | None = None,
                  status: int = 200) -> tuple[str, int]:
    office = current_office()
    return _render("admin/maklumat.html", status, active="maklumat", form=form, error=error,
                   maklumat_version=notices.current_version(office, notices.MAKLUMAT),
                   facilities_version=notices.current_version(office, notices.FACILITIES),
                   history=[{"kind": label, "version": v.version, "when": _when(v.saved_at),
                             "by": v.saved_by}
                            for kind, label in ((notices.MAKLUMAT, "Maklumat"),
                                                (notices.FACILITIES, "Fasilitas"))
                            for v in notices.notice_history(office, kind)])


def _as_text(values: dict[str, Any]) -> dict[str, str]:
    """Form values: list components one item a line."""
    return {key: "\n".join(value) if isinstance(value, list | tuple) else (value or "")
            for key, value in values.items()}


def _int(value: str | None) -> int:
    try:
        return int(value or "0")
    except ValueError:
        return 0


def _when(at: datetime | None) -> str:
    if at is None:
        return "dari config.toml"
    clock = current_office().clock
    return f"{clock.format_date(at)}, {clock.format_time(at)}"
