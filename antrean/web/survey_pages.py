"""SKM survey pages: the QR/link page on a phone and the paired tablet at a loket.

The tablet is paired by staff: a petugas or admin signs in on the tablet, opens
/survei/loket/<n>/pasangkan and confirms (or an admin makes a one-time pairing link in
/admin/perangkat). That replaces the staff session with one that only holds the pairing, so a
citizen holding the tablet has no staff rights, and nobody elsewhere can answer for the people
served at that loket. The pairing is checked on every request: revoked in /admin, or its
petugas deactivated, the tablet stops at once.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, jsonify, render_template, request, session

from antrean.core.errors import DomainError, ErrorKind
from antrean.core.ikm import ELEMENT_CODES, ELEMENTS
from antrean.core.respondent import EDUCATION, OCCUPATIONS, SEXES, parse_respondent
from antrean.usecases.access import tablets
from antrean.usecases.feedback import survey
from antrean.web.auth import STAFF, acting_user_id, end_staff_session, public, require_roles
from antrean.web.office import current_office
from antrean.web.paths import redirect_to
from antrean.web.scope_guard import Scope, scoped

survey_pages = Blueprint("survey", __name__, url_prefix="/survei")

TABLET_KEY = "survey_tablet_pairing"  # the pairing id; the loket comes from the database


def tablet_counter() -> int | None:
    """The loket this browser is the live survey tablet of."""
    return tablets.paired_counter(current_office(), session.get(TABLET_KEY))


@survey_pages.get("/<public_id>")
@public
def survey_form(public_id: str) -> str | tuple[str, int]:
    target = _target_or_none(public_id)
    if target is None:
        return _page("survey/closed.html", 404, state="not_found")
    if target.answered:
        return _page("survey/closed.html", 200, state="answered", target=target)
    if not target.done:
        return _page("survey/closed.html", 200, state="not_ready", target=target)
    return _page("survey/form.html", 200, target=target, values={}, channel="link", loket=None)


@survey_pages.post("/<public_id>")
@public
def submit(public_id: str) -> Response | str | tuple[str, int]:
    loket = _paired_loket(request.form.get("loket"))
    channel = "loket" if loket is not None else "link"
    try:
        answers = {code: _as_int(request.form.get(code)) for code in ELEMENT_CODES}
        respondent = parse_respondent(request.form)
        survey.submit_survey(current_office(), public_id, answers, respondent, channel)
    except DomainError as error:
        return _refused(public_id, error, loket, channel)
    if loket is not None:
        return redirect_to(f"/survei/loket/{loket}?terima_kasih=1")
    return _page("survey/closed.html", 200, state="thanks", target=None)


@survey_pages.get("/loket/<int:number>")
@public
def tablet(number: int) -> str | tuple[str, int]:
    if tablet_counter() != number:
        return _page("survey/unpaired.html", 403, number=number)
    target = survey.tablet_ticket(current_office(), number)
    return _page("survey/tablet.html", 200, number=number, target=target, values={},
                 channel="loket", loket=number, thanks=request.args.get("terima_kasih") == "1")


@survey_pages.get("/loket/<int:number>/status")
@public
def tablet_status(number: int) -> Response | tuple[Response, int]:
    """What the waiting tablet polls: the ticket it should ask about now."""
    if tablet_counter() != number:
        return jsonify({"error": "not_paired", "message": "Tablet belum dipasangkan."}), 403
    target = survey.tablet_ticket(current_office(), number)
    return jsonify({"ticket": target.id if target else None})


@survey_pages.get("/loket/<int:number>/pasangkan")
@require_roles(*STAFF)
@scoped(Scope.COUNTER)
def pair_form(number: int) -> str:
    _check_counter(number)
    return _page("survey/pair.html", 200, number=number)[0]


@survey_pages.post("/loket/<int:number>/pasangkan")
@require_roles(*STAFF)
@scoped(Scope.COUNTER)
def pair(number: int) -> Response:
    _check_counter(number)
    user_id = acting_user_id()
    if user_id is None:  # a TV or kiosk token: only a person pairs a tablet
        raise DomainError(ErrorKind.FORBIDDEN, "forbidden", "Hanya petugas yang dapat "
                          "memasangkan tablet.")
    pairing_id = tablets.pair_tablet(current_office(), number, user_id)
    end_staff_session()  # the staff session leaves the tablet; only the pairing stays
    _hold_pairing(pairing_id)
    return redirect_to(f"/survei/loket/{number}")


@survey_pages.get("/tablet/pasang")
@public
def link_form() -> str | tuple[str, int]:
    """A pairing link from the admin: confirm first, so a link preview cannot spend it."""
    return _page("survey/pair.html", 200, number=None, code=request.args.get("kode", ""))


@survey_pages.post("/tablet/pasang")
@public
def pair_by_link() -> Response | tuple[str, int]:
    try:
        pairing_id, number = tablets.redeem_tablet_link(current_office(),
                                                        request.form.get("kode", ""))
    except DomainError as error:
        return render_template("error.html", status=410, message=error.message), 410
    _hold_pairing(pairing_id)
    return redirect_to(f"/survei/loket/{number}")


def _hold_pairing(pairing_id: int) -> None:
    session.clear()
    session[TABLET_KEY] = pairing_id
    session.permanent = True


def _refused(public_id: str, error: DomainError, loket: int | None,
             channel: str) -> str | tuple[str, int]:
    if error.code == "survey_already_filled":
        return _page("survey/closed.html", 409, state="answered", target=None)
    if error.kind is not ErrorKind.INVALID:
        target = _target_or_none(public_id)
        state = "not_found" if target is None else "not_ready"
        return _page("survey/closed.html", 404 if target is None else 409, state=state,
                     target=target)
    target = survey.survey_target(current_office(), public_id)
    template = "survey/tablet.html" if loket is not None else "survey/form.html"
    return _page(template, 422, target=target, values=request.form, error=error.message,
                 channel=channel, loket=loket, number=loket, thanks=False)


def _target_or_none(public_id: str) -> survey.SurveyTarget | None:
    try:
        return survey.survey_target(current_office(), public_id)
    except DomainError as error:
        if error.kind is ErrorKind.NOT_FOUND:
            return None
        raise


def _paired_loket(value: str | None) -> int | None:
    """The loket of the form, only when this browser is that loket's paired tablet."""
    if value and value.isascii() and value.isdigit() and tablet_counter() == int(value):
        return int(value)
    return None


def _check_counter(number: int) -> None:
    if current_office().settings.counter(number) is None:
        raise DomainError(ErrorKind.NOT_FOUND, "counter_not_found", "Loket tidak dikenal.")


def _as_int(value: str | None) -> int:
    # isdigit() alone takes "⁴" and "٣", which int() refuses or reads as another number.
    return int(value) if value and value.isascii() and value.isdigit() else 0


def _page(template: str, status: int, **context: Any) -> tuple[str, int]:
    office = current_office()
    return render_template(
        template, elements=ELEMENTS, sexes=SEXES, education=EDUCATION, occupations=OCCUPATIONS,
        counter_word=office.settings.office.counter_word, **context,
    ), status
