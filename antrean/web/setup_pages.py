"""The set-up page that creates the first admin; it exists only while no admin does."""

from __future__ import annotations

from flask import Blueprint, abort, flash, render_template, request
from werkzeug.wrappers import Response

from antrean.core.errors import DomainError, invalid
from antrean.usecases.access.first_admin import create_first_admin, needs_setup
from antrean.web.auth import public, start_staff_session
from antrean.web.errors import STATUS_BY_KIND
from antrean.web.office import current_office, first_run_here
from antrean.web.paths import redirect_to
from antrean.web.throttle import TooManyAttempts, guarded_sign_in

setup_pages = Blueprint("setup", __name__, url_prefix="/setup")

FIELDS = ("username", "display_name")


@setup_pages.get("")
@public
def setup_form() -> str:
    _only_before_the_first_admin()
    return render_template("setup.html", form=dict.fromkeys(FIELDS, ""), error=None)


@setup_pages.post("")
@public
def create_admin() -> Response | tuple[str, int]:
    _only_before_the_first_admin()
    form = {key: request.form.get(key, "").strip() for key in FIELDS}
    password = request.form.get("password", "")
    try:
        if password != request.form.get("password_again", ""):
            raise invalid("password_mismatch", "Kedua kata sandi tidak sama.")
        principal = guarded_sign_in(lambda: create_first_admin(
            current_office(), request.form.get("setup_code", ""), form["username"], password,
            form["display_name"]))
    except TooManyAttempts as refusal:
        return render_template("setup.html", form=form, error=refusal.message), 429
    except DomainError as error:
        return render_template("setup.html", form=form, error=error.message), \
            STATUS_BY_KIND[error.kind]
    start_staff_session(principal)
    flash("Admin pertama dibuat dan Anda sudah masuk. Langkah berikutnya: pasangkan kios dan "
          "layar TV di sini, lalu buat akun petugas di menu Pengguna.")
    return redirect_to("/admin/perangkat")


def _only_before_the_first_admin() -> None:
    if not first_run_here() or not needs_setup(current_office()):
        abort(404)  # the page is gone for good once the office has its admin
