"""Admin pages: overview, users, running text, print jobs (services and counters, edited
live, are in live_setup_pages)."""

from __future__ import annotations

from datetime import datetime

from flask import Blueprint, flash, render_template, request
from werkzeug.wrappers import Response

from antrean.core.access import Role
from antrean.core.errors import DomainError, ErrorKind, invalid
from antrean.core.scope import can_manage_user, grantable_agencies, require, scoped_agency
from antrean.usecases.access import accounts
from antrean.usecases.queue import counter_holding, ticket_printing
from antrean.usecases.screens import running_text
from antrean.usecases.screens.admin_view import office_overview
from antrean.web.auth import (
    acting_agency,
    acting_user_id,
    current_principal,
    require_roles,
    signed_in,
)
from antrean.web.office import current_office
from antrean.web.paths import redirect_to
from antrean.web.scope_guard import Scope, scoped

admin_pages = Blueprint("admin", __name__, url_prefix="/admin")

# Roles a person can be given here; kiosk and display devices are paired (device_pages).
PERSON_ROLES = (Role.PETUGAS, Role.ADMIN)


def _render(template: str, status: int = 200, **context: object) -> tuple[str, int]:
    return render_template(template, principal=current_principal(), **context), status


@admin_pages.get("/")
@require_roles(Role.ADMIN)
@scoped(Scope.AGENCY)
def overview() -> tuple[str, int]:
    return _render("admin/overview.html", active="overview",
                   overview=office_overview(current_office(), acting_agency()))


@admin_pages.post("/loket/<int(max=2147483647):number>/lepas")
@require_roles(Role.ADMIN)
@scoped(Scope.COUNTER)
def release_counter(number: int) -> Response:
    """Free a loket whose petugas left without signing out."""
    counter_holding.release_counter(current_office(), number, acting_user_id())
    flash(f"Loket {number} dilepas. Petugas lain dapat memakainya sekarang.")
    return redirect_to("/admin/")


@admin_pages.get("/pengguna")
@require_roles(Role.ADMIN)
@scoped(Scope.AGENCY)
def users() -> tuple[str, int]:
    return _users_page()


@admin_pages.post("/pengguna")
@require_roles(Role.ADMIN)
@scoped(Scope.AGENCY)
def create_user() -> Response | tuple[str, int]:
    form = {key: request.form.get(key, "").strip()
            for key in ("username", "display_name", "role", "agency")}
    try:
        if form["role"] not in {role.value for role in PERSON_ROLES}:
            raise invalid("invalid_role", "Pilih peran Petugas atau Admin.")
        principal = signed_in()
        agency = scoped_agency(principal, form["agency"] or None)
        require(can_manage_user(principal, Role(form["role"]), agency))
        user = accounts.create_user(current_office(), form["username"],
                                    request.form.get("password", ""), form["role"],
                                    form["display_name"], actor_id=acting_user_id(),
                                    agency=agency)
    except DomainError as error:
        return _users_page(error=error.message, form=form,
                           status=403 if error.kind is ErrorKind.FORBIDDEN else 422)
    flash(f"Pengguna {user.username} dibuat. Ia dapat masuk di /console/login.")
    return redirect_to("/admin/pengguna")


@admin_pages.post("/pengguna/<int:user_id>/nonaktifkan")
@require_roles(Role.ADMIN)
@scoped(Scope.USER)
def deactivate_user(user_id: int) -> Response | tuple[str, int]:
    try:
        user = accounts.deactivate_user(current_office(), user_id, acting_user_id())
    except DomainError as error:
        return _users_page(error=error.message, status=409)
    flash(f"Pengguna {user.username} dinonaktifkan dan tidak dapat masuk lagi.")
    return redirect_to("/admin/pengguna")


def _users_page(error: str | None = None, form: dict[str, str] | None = None,
                status: int = 200) -> tuple[str, int]:
    principal, settings = signed_in(), current_office().settings
    # A single office shows no agency at all; an MPP names the agencies this admin may give.
    agencies = grantable_agencies(principal, [a.code for a in settings.agencies]) \
        if settings.has_agencies else [None]
    names = {a.code: a.short_name for a in settings.agencies} if settings.has_agencies else {}
    users = accounts.list_users(current_office(), principal.agency)
    return _render("admin/users.html", status, active="users", users=users, error=error,
                   manageable={u.user_id for u in users
                               if can_manage_user(principal, u.role, u.agency)},
                   form=form or {"username": "", "display_name": "", "role": "petugas",
                                 "agency": principal.agency or ""},
                   roles=[(role.value, accounts.ROLE_LABELS[role]) for role in PERSON_ROLES
                          if any(can_manage_user(principal, role, a) for a in agencies)],
                   agencies=[(code or "", names.get(code or "", "Seluruh kantor"))
                             for code in agencies] if names else [],
                   agency_names=names, me=acting_user_id())


@admin_pages.get("/teks-berjalan")
@require_roles(Role.ADMIN)
@scoped(Scope.OFFICE)
def running_text_form() -> tuple[str, int]:
    return _render("admin/running_text.html", active="running_text",
                   text=office_overview(current_office()).running_text, error=None,
                   max_length=running_text.MAX_LENGTH)


@admin_pages.post("/teks-berjalan")
@require_roles(Role.ADMIN)
@scoped(Scope.OFFICE)
def save_running_text() -> Response | tuple[str, int]:
    text = request.form.get("text", "")
    try:
        running_text.set_running_text(current_office(), text, acting_user_id())
    except DomainError as error:
        return _render("admin/running_text.html", 422, active="running_text", text=text,
                       error=error.message, max_length=running_text.MAX_LENGTH)
    flash("Teks berjalan disimpan dan langsung tampil di layar TV.")
    return redirect_to("/admin/teks-berjalan")


@admin_pages.get("/cetak")
@require_roles(Role.ADMIN)
@scoped(Scope.OFFICE)
def print_jobs() -> tuple[str, int]:
    office = current_office()
    jobs = [{**job, "when": office.clock.format_date(datetime.fromisoformat(job["created_at"]))
             + ", " + office.clock.format_time(datetime.fromisoformat(job["created_at"]))}
            for job in ticket_printing.recent_print_jobs(office, failed_only=True)]
    return _render("admin/print_jobs.html", active="print_jobs", jobs=jobs,
                   printing=ticket_printing.printing_enabled(office))
