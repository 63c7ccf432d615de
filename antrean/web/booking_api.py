"""Booking API under /api/v1: what can be booked (/booking-services, /booking-days,
/booking-sessions), the bookings themselves (/bookings) and the kiosk's check-in. Parse, call
one use case, map."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify, request

from antrean.core.access import Role
from antrean.core.errors import invalid
from antrean.usecases.booking.arrivals import todays_arrivals
from antrean.usecases.booking.availability import booking_days, booking_services, day_sessions
from antrean.usecases.booking.checkin import check_in
from antrean.usecases.booking.making import (
    BookingForm,
    cancel_booking,
    make_booking,
    parse_day,
    read_booking,
)
from antrean.web.api import json_body
from antrean.web.auth import STAFF, acting_agency, current_principal, public, require_roles
from antrean.web.booking import TooManyBookings, count_booking_attempt, current_desk
from antrean.web.office import current_office
from antrean.web.scope_guard import Scope, scoped, scoped_services
from antrean.web.ticket_links import ticket_link_base

booking_api = Blueprint("booking_api", __name__, url_prefix="/api/v1")


def _service_arg() -> str:
    service = request.args.get("service", "")
    if not service:
        raise invalid("missing_service", "Pilih layanan (parameter 'service').")
    return service


@booking_api.get("/booking-services")
@public
def services() -> Response:
    return jsonify(booking_services(current_office()))


@booking_api.get("/booking-days")
@public
def days() -> Response:
    return jsonify(booking_days(current_office(), _service_arg()))


@booking_api.get("/booking-sessions")
@public
def sessions() -> Response:
    day = parse_day(request.args.get("date"))
    return jsonify(day_sessions(current_office(), _service_arg(), day))


@booking_api.post("/bookings")
@public
def create() -> tuple[Response, int]:
    body = json_body()
    try:
        count_booking_attempt(body.get("phone"))
    except TooManyBookings as refusal:
        return refusal.response()
    form = BookingForm(service=body.get("service"), day=body.get("date"),
                       session=body.get("session"), name=body.get("name"),
                       phone=body.get("phone"), nik=body.get("nik"), email=body.get("email"))
    return jsonify(make_booking(current_desk(), form, ticket_link_base())), 201


@booking_api.get("/bookings/<code>")
@public
def read(code: str) -> Response:
    return jsonify(read_booking(current_office(), code))


@booking_api.post("/bookings/<code>/cancel")
@public
def cancel(code: str) -> Response:
    return jsonify(cancel_booking(current_desk(), code, ticket_link_base()))


@booking_api.post("/bookings/<code>/check-in")
@require_roles(Role.KIOSK, *STAFF)  # at the office: a paired kiosk, or a petugas for a citizen
@scoped(Scope.AGENCY)
def check_in_at_office(code: str) -> tuple[Response, int]:
    principal = current_principal()
    at_kiosk = principal is not None and principal.role is Role.KIOSK
    result = check_in(current_office(), code,
                      print_base_url=ticket_link_base() if at_kiosk else None,
                      scope=acting_agency())
    return jsonify({"booking": result.booking, "ticket": result.ticket}), 201


@booking_api.get("/booking-arrivals")
@require_roles(*STAFF)
@scoped(Scope.AGENCY)
def arrivals() -> Response:
    """Today's booked arrivals (console, monitor); `service` may repeat."""
    office = current_office()
    services = scoped_services(office.settings, acting_agency(), request.args.getlist("service"))
    return jsonify(todays_arrivals(office, services))
