"""/admin/media: the images and videos the lobby TVs play, and agency logos.

Each handler parses the form, calls one use case and shows its message; a refused upload
stays on the page with the reason beside the form.
"""

from __future__ import annotations

from flask import Blueprint, flash, render_template, request
from werkzeug.wrappers import Response

from antrean.core.access import Role
from antrean.core.errors import DomainError, ErrorKind
from antrean.core.media_rules import (
    DEFAULT_IMAGE_SECONDS,
    MAX_IMAGE_BYTES,
    MAX_VIDEO_BYTES,
    megabytes,
)
from antrean.usecases.setup import media_library
from antrean.web.auth import acting_user_id, current_principal, require_roles
from antrean.web.office import current_office
from antrean.web.paths import redirect_to
from antrean.web.upload_limits import accepts_upload

media_pages = Blueprint("admin_media", __name__, url_prefix="/admin/media")

MOVES = {"naik": -1, "turun": 1}


def _page(error: str | None = None, status: int = 200) -> tuple[str, int]:
    office = current_office()
    media = media_library.list_media(office)  # first: its transaction brings the set-up up to date
    zones = {zone.code: zone.name for zone in office.settings.zones}
    return render_template(
        "admin/media.html", principal=current_principal(), active="media",
        media=media, zones=zones, error=error,
        size_label=megabytes, default_seconds=DEFAULT_IMAGE_SECONDS,
        max_image=megabytes(MAX_IMAGE_BYTES), max_video=megabytes(MAX_VIDEO_BYTES)), status


@media_pages.get("")
@require_roles(Role.ADMIN)
def media_list() -> tuple[str, int]:
    return _page()


@media_pages.post("")
@accepts_upload(MAX_VIDEO_BYTES)
@require_roles(Role.ADMIN)
def upload() -> Response | tuple[str, int]:
    sent = request.files.get("file")
    filename, data = (sent.filename or "", sent.stream.read(MAX_VIDEO_BYTES + 1)) if sent \
        else ("", b"")
    try:
        entry = media_library.upload_media(
            current_office(), filename, data,
            zone=request.form.get("zone") or None, seconds=request.form.get("seconds"),
            active=request.form.get("active") == "1", actor_id=acting_user_id())
    except DomainError as error:
        return _page(error.message, 422)
    flash(f"{entry.name} diunggah ({megabytes(entry.size)})."
          + (" Layar TV memutarnya mulai sekarang." if entry.active else ""))
    return redirect_to("/admin/media")


@media_pages.post("/<name>/<any(aktifkan, nonaktifkan):switch>")
@require_roles(Role.ADMIN)
def play_or_stop(name: str, switch: str) -> Response:
    playing = switch == "aktifkan"
    media_library.set_media_active(current_office(), name, playing, acting_user_id())
    flash(f"{name} diputar di layar TV." if playing else
          f"{name} tidak lagi diputar di layar TV; alamatnya tetap dapat dipakai sebagai logo.")
    return redirect_to("/admin/media")


@media_pages.post("/<name>/ubah")
@require_roles(Role.ADMIN)
def change(name: str) -> Response | tuple[str, int]:
    """Its zone (when the office has zones) and, for an image, how long it stays on screen."""
    form = request.form
    try:
        entry = media_library.change_media(
            current_office(), name,
            zone=form.get("zone", "") if "zone" in form else media_library.KEEP,
            seconds=form.get("seconds", "") if "seconds" in form else media_library.KEEP,
            actor_id=acting_user_id())
    except DomainError as error:
        if error.kind is not ErrorKind.INVALID:
            raise
        return _page(error.message, 422)
    flash(f"{entry.name} disimpan; layar TV memakainya sekarang.")
    return redirect_to("/admin/media")


@media_pages.post("/<name>/<any(naik, turun):direction>")
@require_roles(Role.ADMIN)
def move(name: str, direction: str) -> Response:
    media_library.move_media(current_office(), name, MOVES[direction], acting_user_id())
    return redirect_to("/admin/media")


@media_pages.post("/<name>/hapus")
@require_roles(Role.ADMIN)
def remove(name: str) -> Response:
    media_library.remove_media(current_office(), name, acting_user_id())
    flash(f"{name} dihapus.")
    return redirect_to("/admin/media")
