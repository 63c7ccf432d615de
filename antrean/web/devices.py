"""Paired devices: the admin API to create, list and revoke them, and the pairing link."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify, render_template, request, session
from werkzeug.wrappers import Response as WerkzeugResponse

from antrean.core.access import Role
from antrean.core.errors import invalid
from antrean.usecases.access import devices
from antrean.usecases.access.kiosk_agencies import chosen_agencies
from antrean.web.api import json_body
from antrean.web.auth import acting_user_id, principal_for_bearer, public, require_roles
from antrean.web.office import current_office
from antrean.web.paths import app_url, redirect_to

device_api = Blueprint("device_api", __name__, url_prefix="/api/v1/devices")
pairing = Blueprint("pairing", __name__, url_prefix="/devices")

HOME_BY_DEVICE_ROLE = {Role.DISPLAY: "/display/", Role.KIOSK: "/kiosk/"}


@device_api.get("")
@require_roles(Role.ADMIN)
def list_devices() -> Response:
    return jsonify(devices.list_devices(current_office()))


@device_api.post("")
@require_roles(Role.ADMIN)
def create_device() -> tuple[Response, int]:
    body = request.get_json(force=True, silent=False)
    body = body if isinstance(body, dict) else {}
    office = current_office()
    device, token = devices.create_device(office, body.get("name"), body.get("role"),
                                          actor_id=acting_user_id(),
                                          public_url=body.get("public_url", ""),
                                          agencies=chosen_agencies(office, body.get("agencies")),
                                          zone=body.get("zone"))
    return jsonify({**device, "token": token,
                    "pair_url": app_url(f"/devices/pair?token={token}")}), 201


@device_api.post("/<int(max=2147483647):device_id>/revoke")
@require_roles(Role.ADMIN)
def revoke_device(device_id: int) -> Response:
    return jsonify(devices.revoke_device(current_office(), device_id, acting_user_id()))


@device_api.post("/<int(max=2147483647):device_id>/zone")
@require_roles(Role.ADMIN)
def move_device(device_id: int) -> Response:
    """{"zone": "lantai1"} or {"zone": null} (the whole office), as /admin/perangkat does."""
    body = json_body()
    if "zone" not in body:
        raise invalid("missing_zone", "Tulis zona layar TV (field 'zone'; null: seluruh kantor).")
    return jsonify(devices.set_device_zone(current_office(), device_id, body["zone"],
                                           acting_user_id()))


@pairing.get("/pair")
@public
def pair() -> WerkzeugResponse | tuple[str, int]:
    """Open once on the TV or kiosk: the browser keeps the device identity in its cookie."""
    principal = principal_for_bearer(request.args.get("token", ""))
    if principal is None or principal.device_id is None:
        return render_template("error.html", status=403, message=(
            "Kode pemasangan tidak berlaku atau perangkat sudah dicabut. "
            "Minta admin membuat kode baru.")), 403
    session.clear()
    session["device_id"] = principal.device_id
    session.permanent = True
    return redirect_to(HOME_BY_DEVICE_ROLE[principal.role])
