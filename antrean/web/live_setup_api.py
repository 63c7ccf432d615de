"""The live set-up over the API (admin): the same use cases as /admin, with the tables keyed
as config.toml spells them."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify

from antrean.core.access import Role
from antrean.usecases.setup import editing, quick_actions
from antrean.usecases.setup.views import setup_view
from antrean.web.api import json_body
from antrean.web.auth import acting_agency, acting_user_id, require_roles
from antrean.web.office import current_office
from antrean.web.scope_guard import Scope, scoped, with_own_agency

live_setup_api = Blueprint("live_setup_api", __name__, url_prefix="/api/v1/setup")


@live_setup_api.get("")
@require_roles(Role.ADMIN)
@scoped(Scope.OFFICE)
def show() -> Response:
    return jsonify(setup_view(current_office()))


@live_setup_api.post("/services")
@require_roles(Role.ADMIN)
@scoped(Scope.AGENCY)
def add_service() -> tuple[Response, int]:
    agency = acting_agency()
    table = editing.save_service(current_office(), None, with_own_agency(json_body(), agency),
                                 acting_user_id(), agency)
    return jsonify(table), 201


@live_setup_api.patch("/services/<code>")
@require_roles(Role.ADMIN)
@scoped(Scope.SERVICE)
def change_service(code: str) -> Response:
    return jsonify(editing.save_service(current_office(), code, json_body(), acting_user_id(),
                                        acting_agency()))


@live_setup_api.post("/services/<code>/pause")
@require_roles(Role.ADMIN)
@scoped(Scope.SERVICE)
def pause_service(code: str) -> Response:
    quick_actions.pause_service(current_office(), code, json_body().get("reason"),
                                acting_user_id())
    return jsonify({"code": code, "paused": True})


@live_setup_api.post("/services/<code>/resume")
@require_roles(Role.ADMIN)
@scoped(Scope.SERVICE)
def resume_service(code: str) -> Response:
    quick_actions.resume_service(current_office(), code, acting_user_id())
    return jsonify({"code": code, "paused": False})


@live_setup_api.post("/services/<code>/extra-quota")
@require_roles(Role.ADMIN)
@scoped(Scope.SERVICE)
def add_quota(code: str) -> Response:
    total = quick_actions.add_quota_today(current_office(), code, json_body().get("amount"),
                                          acting_user_id())
    return jsonify({"code": code, "daily_quota_today": total})


@live_setup_api.post("/counters")
@require_roles(Role.ADMIN)
@scoped(Scope.AGENCY)
def add_counter() -> tuple[Response, int]:
    table = editing.save_counter(current_office(), None, json_body(), acting_user_id(),
                                 acting_agency())
    return jsonify(table), 201


@live_setup_api.post("/counters/extra")
@require_roles(Role.ADMIN)
@scoped(Scope.AGENCY)
def open_extra_counter() -> tuple[Response, int]:
    body = json_body()
    name, services = body.get("name", ""), body.get("services")
    table = quick_actions.open_extra_counter(
        current_office(), name if isinstance(name, str) else "",
        services if isinstance(services, list) else None, acting_user_id(), acting_agency())
    return jsonify(table), 201


@live_setup_api.patch("/counters/<int:number>")
@require_roles(Role.ADMIN)
@scoped(Scope.COUNTER)
def change_counter(number: int) -> Response:
    return jsonify(editing.save_counter(current_office(), number, json_body(), acting_user_id(),
                                        acting_agency()))


@live_setup_api.delete("/counters/<int:number>")
@require_roles(Role.ADMIN)
@scoped(Scope.COUNTER)
def remove_counter(number: int) -> tuple[str, int]:
    editing.remove_counter(current_office(), number, acting_user_id())
    return "", 204


@live_setup_api.patch("/office")
@require_roles(Role.ADMIN)
@scoped(Scope.OFFICE)
def change_office() -> Response:
    return jsonify(editing.save_office(current_office(), json_body(), acting_user_id()))
