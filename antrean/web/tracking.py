"""The phone tracking page a ticket's QR code opens: /t/<public_id>."""

from __future__ import annotations

from flask import Blueprint, render_template
from werkzeug.wrappers import Response

from antrean.core.errors import DomainError
from antrean.usecases.queue.serving import cancel_by_citizen
from antrean.usecases.screens.tracking import tracking_page
from antrean.web.auth import public
from antrean.web.office import current_office
from antrean.web.paths import redirect_to

tracking_pages = Blueprint("tracking", __name__)


@tracking_pages.get("/t/<public_id>")
@public
def track(public_id: str) -> str | tuple[str, int]:
    return _ticket_page(public_id, "tracking/ticket.html")


def _ticket_page(public_id: str, template: str, **context: object) -> str | tuple[str, int]:
    """A page about one ticket, or the Indonesian 404 page for an unknown id."""
    try:
        page = tracking_page(current_office(), public_id)
    except DomainError as error:
        if error.code != "ticket_not_found":
            raise
        return render_template("tracking/not_found.html"), 404
    return render_template(template, page=page, **context)


@tracking_pages.get("/t/<public_id>/batal")
@public
def confirm_cancel(public_id: str) -> str | tuple[str, int]:
    """The confirmation step: nothing is cancelled until "Ya, batalkan" is pressed."""
    return _ticket_page(public_id, "tracking/cancel.html", error=None)


@tracking_pages.post("/t/<public_id>/batal")
@public
def cancel(public_id: str) -> Response | tuple[str, int]:
    office = current_office()
    try:
        cancel_by_citizen(office, public_id)
    except DomainError as error:
        if error.code == "ticket_not_found":
            return render_template("tracking/not_found.html"), 404
        if error.code != "cannot_cancel":
            raise
        return render_template("tracking/cancel.html", page=tracking_page(office, public_id),
                               error=error.message), 409
    return redirect_to(f"/t/{public_id}", code=303)
