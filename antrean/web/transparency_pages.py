"""The office's public pledge, /maklumat, printable as a poster, and its published survey
results, /skm."""

from __future__ import annotations

from flask import Blueprint, render_template, request

from antrean.usecases.agency_scope import parse_agency
from antrean.usecases.feedback.public_notices import current_maklumat
from antrean.usecases.reports.skm_publication import public_results, published_periods
from antrean.web.auth import public
from antrean.web.office import current_office

maklumat_pages = Blueprint("maklumat", __name__)


@maklumat_pages.get("/maklumat")
@public
def maklumat() -> str:
    office = current_office()
    return render_template("layanan/maklumat.html", maklumat=current_maklumat(office),
                           address=office.settings.office.address)


@maklumat_pages.get("/skm")
@public
def skm() -> tuple[str, int]:
    """The latest published period, or the one asked for (?periode=2026-T3)."""
    office = current_office()
    agency = parse_agency(office, request.args.get("instansi"))
    periods = published_periods(office)
    key = request.args.get("periode") or (periods[0].key if periods else "")
    agencies = office.settings.agencies if office.settings.has_agencies else ()
    if not key:
        return render_template("layanan/skm.html", periods=[], results=None,
                               agencies=agencies), 200
    return render_template("layanan/skm.html", periods=periods, agencies=agencies,
                           results=public_results(office, key, agency)), 200
