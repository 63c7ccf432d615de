"""Public, printable service-standard pages: /layanan and /layanan/<code>."""

from __future__ import annotations

from flask import Blueprint, render_template

from antrean.usecases.feedback.public_notices import current_facilities
from antrean.usecases.feedback.standards import (
    all_free,
    complaint_channels,
    service_standard,
    service_standards,
)
from antrean.web.auth import public
from antrean.web.office import current_office

standards_pages = Blueprint("standards", __name__, url_prefix="/layanan")


@standards_pages.get("")
@public
def standards_list() -> str:
    office = current_office()
    services = service_standards(office)
    return render_template("layanan/list.html", services=services, all_free=all_free(services),
                           channels=complaint_channels(office),
                           facilities=current_facilities(office),
                           address=office.settings.office.address)


@standards_pages.get("/<code>")
@public
def standard_detail(code: str) -> str:
    office = current_office()
    return render_template("layanan/detail.html", service=service_standard(office, code),
                           channels=complaint_channels(office),
                           address=office.settings.office.address)
