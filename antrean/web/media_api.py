"""GET /api/v1/media/playlist: what a lobby TV plays in its media panel; PATCH
/api/v1/media/<name>: where a file plays and how long an image stays (admin)."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify, request

from antrean.core.access import Role
from antrean.usecases.setup import media_library
from antrean.web.api import json_body
from antrean.web.auth import acting_user_id, public, require_roles
from antrean.web.office import current_office
from antrean.web.paths import app_path

media_api = Blueprint("media_api", __name__, url_prefix="/api/v1/media")


@media_api.get("/playlist")
@public
def playlist() -> Response:
    """`zone`: the TV's zone code; empty or absent: a TV of the whole office."""
    items = media_library.playlist(current_office(), request.args.get("zone", ""))
    return jsonify({"items": [{**item, "url": app_path(str(item["url"]))} for item in items]})


@media_api.patch("/<name>")
@require_roles(Role.ADMIN)
def change(name: str) -> Response:
    """{"zone": "lantai1"|null, "seconds": 15|null}: each key sent is changed, others kept."""
    body = json_body()
    entry = media_library.change_media(
        current_office(), name, zone=body.get("zone") if "zone" in body else media_library.KEEP,
        seconds=body.get("seconds") if "seconds" in body else media_library.KEEP,
        actor_id=acting_user_id())
    return jsonify(media_view(entry))


def media_view(entry: media_library.MediaEntry) -> dict[str, object]:
    return {"name": entry.name, "kind": str(entry.kind), "url": app_path(entry.url),
            "content_type": entry.content_type, "size": entry.size, "zone": entry.zone,
            "seconds": entry.seconds, "active": entry.active, "position": entry.position}
