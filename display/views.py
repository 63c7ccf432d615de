"""The lobby TV page."""

from __future__ import annotations

from flask import Blueprint, render_template

from antrean.web.auth import public

blueprint = Blueprint("display", __name__, url_prefix="/display", static_folder="static")


@blueprint.get("/")
@public
def tv() -> str:
    return render_template("display/tv.html")
