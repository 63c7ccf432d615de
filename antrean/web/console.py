"""The counter console (loket) for petugas: pick a loket, then call and serve from it.

The page renders the view model of antrean.usecases.screens.console_view and refreshes it from
/console/state.json whenever the /display feed says the queue changed; actions go to the JSON
API with the session cookie and the CSRF header.
"""

from __future__ import annotations

from flask import Blueprint, jsonify, redirect, render_template, request, session
from werkzeug.wrappers import Response

from antrean.core.errors import DomainError
from antrean.usecases.queue import counter_holding
from antrean.usecases.screens.console_view import console_view, counter_choices
from antrean.web.auth import STAFF, acting_user_id, current_principal, require_roles
from antrean.web.office import current_office

console_pages = Blueprint("console", __name__, url_prefix="/console")

SESSION_COUNTER = "counter"


def chosen_counter() -> int | None:
    """The loket remembered in the session, if config.toml still has it."""
    number = session.get(SESSION_COUNTER)
    if isinstance(number, int) and current_office().settings.counter(number) is not None:
        return number
    return None


@console_pages.get("/")
@require_roles(*STAFF)
def console() -> str:
    number = chosen_counter()
    if number is None or request.args.get("ganti") is not None:
        return _choose_page()
    office = current_office()
    view = console_view(office, number, acting_user_id())
    return render_template("console/console.html", view=view, principal=current_principal(),
                           services={s.code: s.name for s in office.settings.services})


@console_pages.post("/loket")
@require_roles(*STAFF)
def choose_counter() -> Response | tuple[str, int]:
    try:
        number = int(request.form.get("counter", ""))
    except ValueError:
        number = 0
    if current_office().settings.counter(number) is None:
        return _choose_page(error="Pilih loket dari daftar."), 422
    user_id = acting_user_id()
    if user_id is not None:
        try:
            counter_holding.take_counter(current_office(), number, user_id)
        except DomainError as error:  # another petugas holds it: say who
            return _choose_page(error=error.message), 409
    session[SESSION_COUNTER] = number
    return redirect("/console/")


@console_pages.get("/state.json")
@require_roles(*STAFF)
def state() -> Response | tuple[Response, int]:
    number = chosen_counter()
    if number is None:
        return jsonify({"error": "no_counter", "message": "Pilih loket terlebih dahulu."}), 409
    return jsonify(console_view(current_office(), number, acting_user_id()))


def _choose_page(error: str | None = None) -> str:
    office = current_office()
    names = {s.code: s.name for s in office.settings.services}
    return render_template("console/choose.html", counters=counter_choices(office),
                           services=names, chosen=chosen_counter(), error=error,
                           principal=current_principal())
