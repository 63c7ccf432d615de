"""/admin/booking: the day's bookings by service and session, with CSV and XLSX export. An
agency admin sees its own agency's services only (web.scope_guard.scoped_services)."""

from __future__ import annotations

from flask import Blueprint, Response, render_template, request

from antrean.core.access import Role
from antrean.core.errors import DomainError, ErrorKind
from antrean.core.scope import within
from antrean.usecases.booking.listing import DayListing, day_listing, to_csv, to_xlsx
from antrean.usecases.booking.making import parse_day
from antrean.usecases.queue.issuing import known_service
from antrean.web.auth import acting_agency, current_principal, require_roles
from antrean.web.office import current_office, office_today
from antrean.web.scope_guard import Scope, scoped, scoped_services

booking_admin = Blueprint("booking_admin", __name__, url_prefix="/admin")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _listing_from_args() -> DayListing:
    office = current_office()
    day = parse_day(request.args.get("tanggal") or office_today().isoformat())
    service = request.args.get("layanan") or None
    if service is not None:
        known_service(office, service)
    return day_listing(office, day, service, _services_in_scope([service] if service else []))


def _services_in_scope(requested: list[str]) -> list[str] | None:
    """The services the listing may show: every one for the whole office (None), the
    agency's own for its admin, who is refused another agency's service."""
    return scoped_services(current_office().settings, acting_agency(), requested)


@booking_admin.get("/booking")
@require_roles(Role.ADMIN)
@scoped(Scope.AGENCY)  # narrowed to an agency admin's own services
def bookings() -> tuple[str, int]:
    office = current_office()
    try:
        listing, error, status = _listing_from_args(), None, 200
    except DomainError as problem:
        if problem.kind is not ErrorKind.INVALID:
            raise  # another agency's service: refused, not a mistyped filter
        listing = day_listing(office, office_today(), within=_services_in_scope([]))
        error, status = problem.message, 422
    return render_template("admin/booking.html", listing=listing, error=error,
                           active="booking", principal=current_principal(),
                           services=[s for s in office.settings.services
                                     if s.booking and within(acting_agency(), s.agency)],
                           query=request.query_string.decode()), status


@booking_admin.get("/booking.csv")
@require_roles(Role.ADMIN)
@scoped(Scope.AGENCY)  # narrowed to an agency admin's own services
def bookings_csv() -> Response:
    listing = _listing_from_args()
    body = to_csv(listing).encode("utf-8-sig")  # BOM: Excel reads it as UTF-8
    return Response(body, mimetype="text/csv; charset=utf-8", headers={
        "Content-Disposition": f"attachment; filename=booking-{listing.date}.csv"})


@booking_admin.get("/booking.xlsx")
@require_roles(Role.ADMIN)
@scoped(Scope.AGENCY)  # narrowed to an agency admin's own services
def bookings_xlsx() -> Response:
    listing = _listing_from_args()
    data = to_xlsx(listing, current_office().settings.office.name)
    return Response(data, mimetype=XLSX, headers={
        "Content-Disposition": f"attachment; filename=booking-{listing.date}.xlsx"})
