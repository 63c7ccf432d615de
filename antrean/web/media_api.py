"""GET /api/v1/media/playlist: what a lobby TV plays in its media panel."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify, request

from antrean.usecases.setup import media_library
from antrean.web.auth import public
from antrean.web.office import current_office
from antrean.web.paths import app_path

media_api = Blueprint("media_api", __name__, url_prefix="/api/v1/media")


@media_api.get("/playlist")
@public
def playlist() -> Response:
    """`zone`: the TV's zone code; empty or absent: a TV of the whole office."""
    items = media_library.playlist(current_office(), request.args.get("zone", ""))
    return jsonify({"items": [{**item, "url": app_path(str(item["url"]))} for item in items]})
