"""The lobby TV page."""

from __future__ import annotations

from flask import Blueprint, render_template

blueprint = Blueprint("display", __name__, url_prefix="/display", static_folder="static")


@blueprint.get("/")
def tv() -> str:
    return render_template("display/tv.html")
