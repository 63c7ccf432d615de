"""The phone tracking page a ticket's QR code opens: /t/<public_id>."""

from __future__ import annotations

from flask import Blueprint, render_template

from antrean.core.errors import DomainError
from antrean.usecases.screens.tracking import tracking_page
from antrean.web.auth import public
from antrean.web.office import current_office

tracking_pages = Blueprint("tracking", __name__)


@tracking_pages.get("/t/<public_id>")
@public
def track(public_id: str) -> str | tuple[str, int]:
    try:
        page = tracking_page(current_office(), public_id)
    except DomainError as error:
        if error.code != "ticket_not_found":
            raise
        return render_template("tracking/not_found.html"), 404
    return render_template("tracking/ticket.html", page=page)
