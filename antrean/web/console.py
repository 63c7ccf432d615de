"""The counter console (loket) for petugas: pick a loket, then call and serve from it.

The page renders the view model of antrean.usecases.screens.console_view and refreshes it from
/console/state.json whenever the /display feed says the queue changed; actions go to the JSON
API with the session cookie and the CSRF header.
"""

from __future__ import annotations

from flask import Blueprint, jsonify, render_template, request, session
from werkzeug.wrappers import Response

from antrean.core.errors import DomainError
from antrean.core.scope import within
from antrean.usecases.queue import counter_holding
from antrean.usecases.screens.console_view import console_view, counter_choices
from antrean.web.auth import (
    STAFF,
    acting_agency,
    acting_user_id,
    current_principal,
    require_roles,
    signed_in,
)
from antrean.web.office import current_office
from antrean.web.paths import redirect_to
from antrean.web.scope_guard import Scope, check_target, scoped

console_pages = Blueprint("console", __name__, url_prefix="/console")

SESSION_COUNTER = "counter"


def chosen_counter() -> int | None:
    """The loket remembered in the session, if the set-up still has it for this petugas's
    agency (a counter moved to another agency is chosen again)."""
    number = session.get(SESSION_COUNTER)
    counter = current_office().settings.counter(number) if isinstance(number, int) else None
    if counter is not None and within(acting_agency(), counter.agency):
        return counter.number
    return None


@console_pages.get("/")
@require_roles(*STAFF)
@scoped(Scope.AGENCY)
def console() -> str:
    number = chosen_counter()
    if number is None or request.args.get("ganti") is not None:
        return _choose_page()
    office = current_office()
    view = console_view(office, number, acting_user_id(), acting_agency())
    return render_template("console/console.html", view=view, principal=current_principal(),
                           services={s.code: s.name for s in office.settings.services})


@console_pages.post("/loket")
@require_roles(*STAFF)
@scoped(Scope.AGENCY)
def choose_counter() -> Response | tuple[str, int]:
    try:
        number = int(request.form.get("counter", ""))
    except ValueError:
        number = 0
    if current_office().settings.counter(number) is None:
        return _choose_page(error="Pilih loket dari daftar."), 422
    try:
        check_target(signed_in(), Scope.COUNTER, number)
    except DomainError as error:  # a loket of another agency
        return _choose_page(error=error.message), 403
    user_id = acting_user_id()
    if user_id is not None:
        try:
            counter_holding.take_counter(current_office(), number, user_id)
        except DomainError as error:  # another petugas holds it: say who
            return _choose_page(error=error.message), 409
    session[SESSION_COUNTER] = number
    return redirect_to("/console/")


@console_pages.get("/state.json")
@require_roles(*STAFF)
@scoped(Scope.AGENCY)
def state() -> Response | tuple[Response, int]:
    number = chosen_counter()
    if number is None:
        return jsonify({"error": "no_counter", "message": "Pilih loket terlebih dahulu."}), 409
    return jsonify(console_view(current_office(), number, acting_user_id(), acting_agency()))


def _choose_page(error: str | None = None) -> str:
    office = current_office()
    names = {s.code: s.name for s in office.settings.services}
    return render_template("console/choose.html",
                           counters=counter_choices(office, acting_agency()),
                           services=names, chosen=chosen_counter(), error=error,
                           principal=current_principal())
