"""The ticket kiosk page and the QR code of an issued ticket."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify, render_template

from antrean.core.access import Role
from antrean.usecases.access.kiosk_agencies import kiosk_shows
from antrean.usecases.queue.ticket_printing import print_status_of
from antrean.usecases.screens.kiosk_menu import kiosk_agencies, kiosk_menu, ticket_read_aloud
from antrean.usecases.screens.tracking import tracking_link
from antrean.web.auth import STAFF, current_principal, public, require_roles
from antrean.web.office import current_office
from antrean.web.scope_guard import Scope, scoped
from antrean.web.ticket_links import ticket_link_base
from kiosk.qr import qr_svg

blueprint = Blueprint("kiosk", __name__, url_prefix="/kiosk", static_folder="static")


@blueprint.get("/")
@require_roles(Role.KIOSK, *STAFF)  # a kiosk paired through /devices/pair, or staff
@scoped(Scope.AGENCY)  # what every warga in the lobby sees
def kiosk() -> str:
    office = current_office()
    return render_template("kiosk/kiosk.html", menu={**kiosk_menu(office, _offered()),
                                                     "tracking_qr": bool(ticket_link_base())})


@blueprint.get("/agencies")
@require_roles(Role.KIOSK, *STAFF)
@scoped(Scope.AGENCY)  # as the kiosk page: what every warga in the lobby sees
def agencies() -> Response:
    """The agency step again after an admin changed the agencies (the "setup" event)."""
    return jsonify(kiosk_agencies(current_office(), _offered()))


def _offered() -> tuple[str, ...] | None:
    """The agencies this kiosk device offers (staff opening the kiosk see them all)."""
    principal = current_principal()
    return kiosk_shows(current_office(), principal.device_id if principal is not None else None)


@blueprint.get("/qr/<public_id>.svg")
@public
def ticket_qr(public_id: str) -> Response:
    base = ticket_link_base()
    if not base:  # no address set for phones: the kiosk shows no QR code
        return Response("Alamat untuk kode QR belum diatur.", status=404, mimetype="text/plain")
    link = tracking_link(current_office(), public_id, base)
    response = Response(qr_svg(link), mimetype="image/svg+xml")
    response.headers["Cache-Control"] = "private, max-age=3600"
    return response


@blueprint.get("/print-status/<public_id>")
@public
def print_status(public_id: str) -> Response:
    """Polled while a ticket prints, so an unpaired kiosk (no live feed) still learns it."""
    return jsonify({"print_status": print_status_of(current_office(), public_id)})


@blueprint.get("/speech/<public_id>")
@public
def ticket_speech(public_id: str) -> Response:
    """The issued ticket read aloud on request: text for a speech voice and offline clips."""
    return jsonify(ticket_read_aloud(current_office(), public_id))
