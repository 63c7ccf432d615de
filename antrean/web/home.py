"""The office's front page: what each screen is for and where to open it."""

from __future__ import annotations

from flask import Blueprint, render_template
from werkzeug.wrappers import Response

from antrean.usecases.access.first_admin import needs_setup
from antrean.web.auth import public
from antrean.web.office import current_office, first_run_here
from antrean.web.paths import redirect_to

home_pages = Blueprint("home", __name__)

SETUP_PATH = "/setup"


@home_pages.get("/")
@public
def landing() -> Response | str:
    office = current_office()
    # A fresh install: the first visitor is sent to create the admin.
    if first_run_here() and needs_setup(office):
        return redirect_to(SETUP_PATH)
    return render_template("home.html", address=office.settings.office.address)
