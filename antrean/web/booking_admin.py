"""/admin/booking: the day's bookings by service and session, with CSV and XLSX export."""

from __future__ import annotations

from flask import Blueprint, Response, render_template, request

from antrean.core.access import Role
from antrean.core.errors import DomainError
from antrean.usecases.booking.listing import DayListing, day_listing, to_csv, to_xlsx
from antrean.usecases.booking.making import parse_day
from antrean.usecases.queue.issuing import known_service
from antrean.web.auth import current_principal, require_roles
from antrean.web.office import current_office, office_today

booking_admin = Blueprint("booking_admin", __name__, url_prefix="/admin")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _listing_from_args() -> DayListing:
    office = current_office()
    day = parse_day(request.args.get("tanggal") or office_today().isoformat())
    service = request.args.get("layanan") or None
    if service is not None:
        known_service(office, service)
    return day_listing(office, day, service)


@booking_admin.get("/booking")
@require_roles(Role.ADMIN)
def bookings() -> tuple[str, int]:
    office = current_office()
    try:
        listing, error, status = _listing_from_args(), None, 200
    except DomainError as problem:
        listing = day_listing(office, office_today())
        error, status = problem.message, 422
    return render_template("admin/booking.html", listing=listing, error=error,
                           active="booking", principal=current_principal(),
                           services=[s for s in office.settings.services if s.booking],
                           query=request.query_string.decode()), status


@booking_admin.get("/booking.csv")
@require_roles(Role.ADMIN)
def bookings_csv() -> Response:
    listing = _listing_from_args()
    body = to_csv(listing).encode("utf-8-sig")  # BOM: Excel reads it as UTF-8
    return Response(body, mimetype="text/csv; charset=utf-8", headers={
        "Content-Disposition": f"attachment; filename=booking-{listing.date}.csv"})


@booking_admin.get("/booking.xlsx")
@require_roles(Role.ADMIN)
def bookings_xlsx() -> Response:
    listing = _listing_from_args()
    data = to_xlsx(listing, current_office().settings.office.name)
    return Response(data, mimetype=XLSX, headers={
        "Content-Disposition": f"attachment; filename=booking-{listing.date}.xlsx"})
