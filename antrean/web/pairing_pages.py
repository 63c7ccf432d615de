"""The short pairing link opened on a TV or kiosk: /p/<code> asks, then pairs this browser."""

from __future__ import annotations

from flask import Blueprint, render_template, session
from werkzeug.wrappers import Response

from antrean.core.errors import DomainError
from antrean.usecases.access.pairing_links import link_for_code, pair_with_code
from antrean.web.auth import public
from antrean.web.devices import HOME_BY_DEVICE_ROLE
from antrean.web.office import current_office
from antrean.web.paths import redirect_to
from antrean.web.throttle import TooManyAttempts, guarded_sign_in

pairing_links = Blueprint("pairing_links", __name__, url_prefix="/p")

MAX_CODE = 32  # longer is no code of ours: refused before any lookup


@pairing_links.get("/<code>")
@public
def confirm(code: str) -> tuple[str, int]:
    """Nothing is spent on GET: a link previewer or a prefetch cannot use the link up."""
    try:
        link = guarded_sign_in(lambda: link_for_code(current_office(), code[:MAX_CODE]))
    except (TooManyAttempts, DomainError) as refusal:
        return _refused(refusal)
    return render_template("devices/pair.html", link=link, code=code), 200


@pairing_links.post("/<code>")
@public
def pair(code: str) -> Response | tuple[str, int]:
    try:
        principal = guarded_sign_in(lambda: pair_with_code(current_office(), code[:MAX_CODE]))
    except (TooManyAttempts, DomainError) as refusal:
        return _refused(refusal)
    session.clear()  # whoever was signed in on this browser, it is now the device
    session["device_id"] = principal.device_id
    session.permanent = True
    return redirect_to(HOME_BY_DEVICE_ROLE[principal.role])


def _refused(refusal: TooManyAttempts | DomainError) -> tuple[str, int]:
    status = 429 if isinstance(refusal, TooManyAttempts) else 404
    return render_template("error.html", status=status, title="Tautan pemasangan tidak berlaku",
                           message=refusal.message), status
