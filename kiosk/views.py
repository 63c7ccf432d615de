"""The ticket kiosk page."""

from __future__ import annotations

from flask import Blueprint, render_template

blueprint = Blueprint("kiosk", __name__, url_prefix="/kiosk", static_folder="static")


@blueprint.get("/")
def kiosk() -> str:
    return render_template("kiosk/kiosk.html")
