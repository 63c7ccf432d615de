"""The lobby TV page."""

from __future__ import annotations

from flask import Blueprint, render_template

from antrean.core.access import Role
from antrean.usecases.access.devices import display_zone
from antrean.usecases.screens.snapshot_cache import cached_snapshot
from antrean.web.auth import STAFF, current_principal, require_roles
from antrean.web.office import current_office

blueprint = Blueprint("display", __name__, url_prefix="/display", static_folder="static")


@blueprint.get("/")
@require_roles(Role.DISPLAY, *STAFF)  # a TV paired through /devices/pair, or staff
def tv() -> str:
    """First paint from a snapshot rendered here; the page then follows the /display feed.
    A TV bound to a zone shows that zone only (its feed is the zone's room)."""
    office = current_office()
    principal = current_principal()
    device = principal.device_id if principal is not None else None
    zone = display_zone(office, device) if device is not None else None
    return render_template("display/tv.html", snapshot=cached_snapshot(office, zone))
