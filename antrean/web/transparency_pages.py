"""The office's public pledge, /maklumat, printable as a poster."""

from __future__ import annotations

from flask import Blueprint, render_template

from antrean.usecases.feedback.public_notices import current_maklumat
from antrean.web.auth import public
from antrean.web.office import current_office

maklumat_pages = Blueprint("maklumat", __name__)


@maklumat_pages.get("/maklumat")
@public
def maklumat() -> str:
    office = current_office()
    return render_template("layanan/maklumat.html", maklumat=current_maklumat(office),
                           address=office.settings.office.address)
