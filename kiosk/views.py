"""The ticket kiosk page."""

from __future__ import annotations

from flask import Blueprint, render_template

from antrean.web.auth import public

blueprint = Blueprint("kiosk", __name__, url_prefix="/kiosk", static_folder="static")


@blueprint.get("/")
@public
def kiosk() -> str:
    return render_template("kiosk/kiosk.html")
