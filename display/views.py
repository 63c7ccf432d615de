"""The lobby TV page."""

from __future__ import annotations

from flask import Blueprint, render_template, request

from antrean.core.access import Role
from antrean.usecases.access.devices import display_zone
from antrean.usecases.screens.snapshot_cache import cached_snapshot
from antrean.web.auth import STAFF, current_principal, require_roles
from antrean.web.office import current_office
from antrean.web.scope_guard import Scope, scoped
from antrean.web.socket_rooms import preview_zone

blueprint = Blueprint("display", __name__, url_prefix="/display", static_folder="static")


@blueprint.get("/")
@require_roles(Role.DISPLAY, *STAFF)  # a TV paired through /devices/pair, or staff
@scoped(Scope.AGENCY)  # what every warga in the lobby sees
def tv() -> str:
    """First paint from a snapshot rendered here; the page then follows the /display feed.
    A TV bound to a zone shows that zone only (its feed is the zone's room)."""
    office = current_office()
    principal = current_principal()
    if principal is not None and principal.device_id is not None:
        zone = display_zone(office, principal.device_id)
    else:  # staff: the whole office, or a zone's TV to check it (?zona=<code>)
        zone = preview_zone(office, request.args.get("zona"))
    return render_template("display/tv.html", snapshot=cached_snapshot(office, zone))
