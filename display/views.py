"""The lobby TV page."""

from __future__ import annotations

from flask import Blueprint, render_template

from antrean.core.access import Role
from antrean.usecases.screens.snapshot_cache import cached_snapshot
from antrean.web.auth import STAFF, require_roles
from antrean.web.office import current_office
from antrean.web.scope_guard import Scope, scoped

blueprint = Blueprint("display", __name__, url_prefix="/display", static_folder="static")


@blueprint.get("/")
@require_roles(Role.DISPLAY, *STAFF)  # a TV paired through /devices/pair, or staff
@scoped(Scope.AGENCY)  # what every warga in the lobby sees
def tv() -> str:
    """First paint from a snapshot rendered here; the page then follows the /display feed."""
    return render_template("display/tv.html", snapshot=cached_snapshot(current_office()))
