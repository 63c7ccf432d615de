"""/admin/skm: the kepala looks at a period's SKM results, publishes them on /skm and writes
the follow-up plan (rencana tindak lanjut) for the weakest elements."""

from __future__ import annotations

from flask import Blueprint, flash, render_template, request
from werkzeug.wrappers import Response

from antrean.core.access import Role
from antrean.core.errors import DomainError
from antrean.core.survey_period import parse_period
from antrean.usecases.reports import skm_publication as skm
from antrean.web.auth import acting_user_id, current_principal, require_roles
from antrean.web.errors import STATUS_BY_KIND
from antrean.web.office import current_office
from antrean.web.paths import redirect_to

skm_admin = Blueprint("skm_admin", __name__, url_prefix="/admin")


@skm_admin.get("/skm")
@require_roles(Role.ADMIN)
def skm_page() -> tuple[str, int]:
    return _page(request.args.get("periode", ""))


@skm_admin.post("/skm/terbitkan")
@require_roles(Role.ADMIN)
def publish() -> Response | tuple[str, int]:
    key = request.form.get("periode", "")
    try:
        period = skm.publish_period(current_office(), key, acting_user_id())
    except DomainError as error:
        return _page(key, error=error.message, status=STATUS_BY_KIND[error.kind])
    flash(f"Hasil SKM {period.label} diterbitkan di /skm.")
    return redirect_to(f"/admin/skm?periode={period.key}")


@skm_admin.post("/skm/tindak-lanjut")
@require_roles(Role.ADMIN)
def follow_up() -> Response | tuple[str, int]:
    form = {key: request.form.get(key, "") for key in ("periode", "element", "plan", "status")}
    try:
        skm.save_follow_up(current_office(), form["periode"], form["element"], form["plan"],
                           form["status"], acting_user_id())
    except DomainError as error:
        return _page(form["periode"], error=error.message, status=STATUS_BY_KIND[error.kind],
                     typed=form)
    flash("Rencana tindak lanjut disimpan.")
    return redirect_to(f"/admin/skm?periode={form['periode']}")


def _page(key: str, error: str | None = None, status: int = 200,
          typed: dict[str, str] | None = None) -> tuple[str, int]:
    office = current_office()
    choices = skm.publishable_periods(office)
    published = {p.key for p in skm.published_periods(office)}
    try:
        period = parse_period(key) if key else (choices[0] if choices else None)
    except DomainError as bad:
        period, error, status = None, bad.message, 422
    results = skm.period_results(office, period) if period else None
    plans = {f.element: f for f in results.follow_ups} if results else {}
    return render_template(
        "admin/skm.html", principal=current_principal(), active="skm", choices=choices,
        period=period, published=published, results=results, plans=plans, error=error,
        typed=typed or {}, statuses=skm.FOLLOW_UP_STATUSES), status
