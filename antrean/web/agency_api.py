"""Agencies (instansi) over the API: edited by an admin like services, listed publicly for
kiosks and phones (short name and logo; nothing else about them is secret or needed)."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify

from antrean.core.access import Role
from antrean.usecases.screens.agency_list import public_agencies
from antrean.usecases.setup import agencies
from antrean.web.api import json_body
from antrean.web.auth import acting_user_id, public, require_roles
from antrean.web.office import current_office

agency_api = Blueprint("agency_api", __name__, url_prefix="/api/v1")


@agency_api.get("/agencies")
@public
def list_agencies() -> Response:
    return jsonify(public_agencies(current_office()))


@agency_api.post("/setup/agencies")
@require_roles(Role.ADMIN)
def add_agency() -> tuple[Response, int]:
    table = agencies.save_agency(current_office(), None, json_body(), acting_user_id())
    return jsonify(table), 201


@agency_api.patch("/setup/agencies/<code>")
@require_roles(Role.ADMIN)
def change_agency(code: str) -> Response:
    return jsonify(agencies.save_agency(current_office(), code, json_body(), acting_user_id()))


@agency_api.delete("/setup/agencies/<code>")
@require_roles(Role.ADMIN)
def remove_agency(code: str) -> tuple[str, int]:
    agencies.remove_agency(current_office(), code, acting_user_id())
    return "", 204
