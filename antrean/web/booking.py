"""Online booking on the web: the desk the handlers use, its rate limits, its blueprints."""

from __future__ import annotations

import hashlib
import hmac

from flask import Flask, Response, current_app, request

from antrean.core.contact import parse_phone
from antrean.core.errors import DomainError
from antrean.realtime.socket import socketio
from antrean.usecases.access import rate_limit
from antrean.usecases.booking.desk import BookingDesk
from antrean.usecases.booking.notice_hooks import BookingNoticeHooks
from antrean.usecases.context import Office
from antrean.web.errors import error_response
from antrean.web.office import current_office

EXTENSION_KEY = "antrean.booking"


def init_booking(app: Flask, office: Office) -> BookingDesk:
    """Register the booking pages, API and admin pages; the desk hashes NIKs with a key
    derived from the app's secret key, the same on every server process."""
    from antrean.web.booking_admin import booking_admin
    from antrean.web.booking_api import booking_api
    from antrean.web.booking_pages import booking_pages

    secret = str(app.config["SECRET_KEY"]).encode()
    desk = BookingDesk(office, hmac.new(secret, b"antrean:nik-hash", hashlib.sha256).digest())
    app.extensions[EXTENSION_KEY] = desk
    # Calls and skips tell booked citizens after the commit, from a background task.
    office.publisher = BookingNoticeHooks(office.publisher, desk,
                                          run_later=socketio.start_background_task)
    for blueprint in (booking_pages, booking_api, booking_admin):
        app.register_blueprint(blueprint)
    return desk


def current_desk() -> BookingDesk:
    desk: BookingDesk = current_app.extensions[EXTENSION_KEY]
    return desk


class TooManyBookings(Exception):
    def __init__(self, retry_after: int) -> None:
        super().__init__(retry_after)
        self.retry_after = retry_after
        self.message = ("Terlalu banyak permintaan booking. Silakan coba lagi dalam "
                        f"{retry_after} detik.")

    def response(self) -> tuple[Response, int]:
        response, status = error_response(429, "too_many_requests", self.message)
        response.headers["Retry-After"] = str(self.retry_after)
        return response, status


def count_booking_attempt(phone: object) -> None:
    """Per client address, and per phone number (touts book from many addresses), counted in
    the database so every server process shares the limit; raises TooManyBookings."""
    office = current_office()
    limits = office.settings.booking
    waits = [rate_limit.take(office, f"booking-addr:{request.remote_addr}",
                             limits.requests_per_minute)]
    try:
        number = parse_phone(phone)
    except DomainError:
        number = None  # the use case says what is wrong with it
    if number is not None:
        waits.append(rate_limit.take(office, f"booking-phone:{number}",
                                     limits.phone_requests_per_minute))
    longest = max((w for w in waits if w is not None), default=None)
    if longest is not None:
        raise TooManyBookings(longest)
