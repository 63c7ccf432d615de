"""The citizen's booking pages: /ambil (service, day, session and details, one step a page,
no script needed) and /b/<code> (status, QR, cancel)."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from flask import Blueprint, Response, render_template, request
from werkzeug.wrappers import Response as WerkzeugResponse

from antrean.core.contact import field_of
from antrean.core.errors import DomainError, ErrorKind
from antrean.usecases.booking.availability import booking_days, booking_services, day_sessions
from antrean.usecases.booking.making import (
    BookingForm,
    cancel_booking,
    make_booking,
    parse_day,
    read_booking,
)
from antrean.web.auth import public
from antrean.web.booking import TooManyBookings, count_booking_attempt, current_desk
from antrean.web.errors import STATUS_BY_KIND
from antrean.web.office import current_office, public_base_url
from antrean.web.paths import redirect_to
from antrean.web.qr import qr_svg
from antrean.web.ticket_links import ticket_link_base

booking_pages = Blueprint("booking", __name__)
FIELDS = ("session", "name", "phone", "nik", "email")


@booking_pages.get("/ambil")
@public
def choose_service() -> str:
    return render_template("booking/services.html", services=booking_services(current_office()))


@booking_pages.get("/ambil/<service>")
@public
def choose_day(service: str) -> str | tuple[str, int]:
    try:
        page = booking_days(current_office(), service)
    except DomainError as error:
        return _problem(error)
    return render_template("booking/days.html", page=page)


@booking_pages.get("/ambil/<service>/<day>")
@public
def booking_form(service: str, day: str) -> str | tuple[str, int]:
    return _form_page(service, day, {}, None, 200)


@booking_pages.post("/ambil/<service>/<day>")
@public
def book(service: str, day: str) -> WerkzeugResponse | str | tuple[str, int]:
    values = {key: request.form.get(key, "") for key in FIELDS}
    try:
        count_booking_attempt(values["phone"])
        booking = make_booking(current_desk(), BookingForm(service=service, day=day, **values),
                               ticket_link_base())
    except TooManyBookings as refusal:
        return _form_page(service, day, values, DomainError(
            ErrorKind.REFUSED, "too_many_requests", refusal.message), 429)
    except DomainError as error:
        if error.kind is ErrorKind.UNAVAILABLE:
            raise
        return _form_page(service, day, values, error, STATUS_BY_KIND[error.kind])
    return redirect_to(f"/b/{quote(booking['code'])}?baru=1")


def _form_page(service: str, day: str, values: dict[str, str], error: DomainError | None,
               status: int) -> str | tuple[str, int]:
    try:
        page = day_sessions(current_office(), service, parse_day(day))
    except DomainError as problem:
        return _problem(problem)
    return render_template("booking/form.html", page=page, values=values, error=error,
                           error_field=field_of(error) if error else None), status


@booking_pages.get("/b/<code>")
@public
def booking_page(code: str) -> str | tuple[str, int]:
    try:
        booking = read_booking(current_office(), code)
    except DomainError as error:
        return _problem(error)
    return render_template("booking/booking.html", booking=booking,
                           new=request.args.get("baru") == "1",
                           cancelled_now=request.args.get("batal") == "1")


@booking_pages.get("/b/<code>/batal")
@public
def confirm_cancel(code: str) -> str | tuple[str, int]:
    try:
        booking = read_booking(current_office(), code)
    except DomainError as error:
        return _problem(error)
    return render_template("booking/cancel.html", booking=booking, error=None)


@booking_pages.post("/b/<code>/batal")
@public
def cancel(code: str) -> WerkzeugResponse | str | tuple[str, int]:
    try:
        booking = cancel_booking(current_desk(), code, ticket_link_base())
    except DomainError as error:
        if error.kind is not ErrorKind.CONFLICT:
            return _problem(error)
        return render_template("booking/cancel.html", error=error.message,
                               booking=read_booking(current_office(), code)), 409
    return redirect_to(f"/b/{quote(booking['code'])}?batal=1")


@booking_pages.get("/b/<code>/qr.svg")
@public
def booking_qr(code: str) -> Response | tuple[str, int]:
    try:
        booking = read_booking(current_office(), code)
    except DomainError as error:
        return _problem(error)
    svg = qr_svg(f"{public_base_url()}/b/{booking['code']}")
    return Response(svg, mimetype="image/svg+xml",
                    headers={"Cache-Control": "private, max-age=3600"})


def _problem(error: DomainError) -> tuple[str, int]:
    """A readable page for a code, service or day that cannot be used, never a 500."""
    if error.kind is ErrorKind.UNAVAILABLE:
        raise error
    context: dict[str, Any] = {"message": error.message, "code": error.code}
    return render_template("booking/problem.html", **context), STATUS_BY_KIND[error.kind]
