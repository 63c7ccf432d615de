"""Staff sign-in for the browser pages (console, admin, reports): a session cookie."""

from __future__ import annotations

from flask import Blueprint, render_template, request, session
from werkzeug.wrappers import Response

from antrean.core.access import Role
from antrean.core.errors import DomainError
from antrean.core.redirects import same_site_path
from antrean.usecases.access import accounts
from antrean.usecases.access.first_admin import has_any_user, needs_setup
from antrean.usecases.queue import counter_holding
from antrean.web.auth import current_principal, end_staff_session, public, start_staff_session
from antrean.web.office import current_office, first_run_here
from antrean.web.paths import redirect_to
from antrean.web.throttle import TooManyAttempts, guarded_sign_in

login_pages = Blueprint("login", __name__, url_prefix="/console")

HOME_BY_ROLE = {Role.ADMIN: "/admin/", Role.PETUGAS: "/console/"}


@login_pages.get("/login")
@public
def login_form() -> Response | str:
    office = current_office()
    setup_pending = first_run_here() and needs_setup(office)
    if setup_pending and not has_any_user(office):
        return redirect_to("/setup")  # a fresh install: nobody could sign in here yet
    return render_template("login.html", next=_safe_next(request.args.get("next")),
                           username="", error=None, setup_pending=setup_pending)


@login_pages.post("/login")
@public
def login() -> Response | tuple[str, int]:
    username = request.form.get("username", "")
    target = _safe_next(request.form.get("next"))
    try:
        principal = guarded_sign_in(lambda: accounts.authenticate(
            current_office(), username, request.form.get("password", "")))
    except TooManyAttempts as refusal:
        return render_template("login.html", next=target, username=username,
                               error=refusal.message), 429
    except DomainError as error:
        return render_template("login.html", next=target, username=username,
                               error=error.message), 401
    if principal.role not in HOME_BY_ROLE:
        return render_template("login.html", next=target, username=username,
                               error="Akun perangkat tidak dapat masuk di sini."), 403
    start_staff_session(principal)
    return redirect_to(target or HOME_BY_ROLE[principal.role])


@login_pages.post("/logout")
@public
def logout() -> Response:
    _leave_counter()
    end_staff_session()
    return redirect_to("/console/login")


def _leave_counter() -> None:
    """Signing out frees the loket this petugas held, for the next one."""
    principal, number = current_principal(), session.get("counter")
    if principal is not None and principal.user_id is not None and isinstance(number, int):
        counter_holding.leave_counter(current_office(), number, principal.user_id)


def _safe_next(target: str | None) -> str:
    """Only a path on this site, so the login form cannot bounce people elsewhere."""
    return same_site_path(target)
