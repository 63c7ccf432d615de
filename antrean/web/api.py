"""JSON API under /api/v1: parse, call one use case, map the result. No rules live here."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, current_app, jsonify, request, send_file

from antrean.core.access import Role
from antrean.core.errors import invalid
from antrean.core.ticket import parse_priority
from antrean.usecases.access import accounts, audit, rate_limit
from antrean.usecases.queue import calling, counter_holding, counters, serving, ticket_printing
from antrean.usecases.queue.issuing_once import issue_once, parse_request_key
from antrean.usecases.reports.reports import parse_period, parse_service, stats
from antrean.usecases.screens import running_text
from antrean.usecases.screens.queue_snapshot import lookup_ticket
from antrean.usecases.screens.snapshot_cache import services_json, snapshot_json
from antrean.web.auth import (
    STAFF,
    acting_agency,
    acting_user_id,
    current_principal,
    end_staff_session,
    public,
    require_roles,
)
from antrean.web.errors import error_response
from antrean.web.office import current_office, office_today
from antrean.web.scope_guard import Scope, agency_in_scope, scoped
from antrean.web.throttle import TooManyAttempts, guarded_sign_in
from antrean.web.ticket_links import may_print_at_kiosk, ticket_link_base

api = Blueprint("api", __name__, url_prefix="/api/v1")


def json_body() -> dict[str, Any]:
    """The request's JSON object; a malformed body is a 400 (raised by Flask)."""
    body = request.get_json(force=True, silent=False)
    if not isinstance(body, dict):
        raise invalid("invalid_body", "Isi permintaan harus berupa objek JSON.")
    return body


@api.get("/services")
@public
def list_services() -> Response:
    return Response(services_json(current_office()), mimetype="application/json")


@api.post("/tickets")
@public
def create_ticket() -> tuple[Response, int]:
    limited = _rate_limited()
    if limited is not None:
        return limited
    body = json_body()
    service = body.get("service")
    if not isinstance(service, str) or not service:
        raise invalid("missing_service", "Pilih layanan (field 'service').")
    channel = body.get("channel", "online")
    principal = current_principal()
    staff = principal.user_id if principal is not None and principal.role in STAFF else None
    result = issue_once(current_office(), parse_request_key(body.get("request_key")), service,
                        parse_priority(body.get("priority")),
                        channel=channel if isinstance(channel, str) else "",
                        print_base_url=ticket_link_base()
                        if channel == "kiosk" and may_print_at_kiosk() else None,
                        issued_by_staff=staff,
                        kiosk_device=principal.device_id if principal is not None
                        and principal.role is Role.KIOSK else None)
    # 200: the same request_key was sent before; this is the ticket it issued.
    return jsonify(result.ticket), 201 if result.created else 200


def _rate_limited() -> tuple[Response, int] | None:
    """Phones are limited per address; a paired kiosk serves the whole lobby and is not."""
    principal = current_principal()
    if principal is not None and principal.role is Role.KIOSK:
        return None
    office = current_office()
    retry_after = rate_limit.take(office, f"tickets:{request.remote_addr}",
                                  office.settings.server.ticket_rate_limit_per_minute)
    if retry_after is None:
        return None
    response, status = error_response(
        429, "too_many_requests",
        f"Terlalu banyak permintaan tiket dari alamat ini. Coba lagi dalam {retry_after} detik.")
    response.headers["Retry-After"] = str(retry_after)
    return response, status


@api.get("/tickets/<public_id>")
@public
def get_ticket(public_id: str) -> Response:
    return jsonify(lookup_ticket(current_office(), public_id))


@api.get("/queue")
@public
def get_queue() -> Response:
    return Response(snapshot_json(current_office()), mimetype="application/json")


@api.post("/auth/login")
@public
def login() -> Response | tuple[Response, int]:
    body = json_body()
    try:
        token = guarded_sign_in(lambda: accounts.login(
            current_office(), body.get("username"), body.get("password"), label="api"))
    except TooManyAttempts as refusal:
        response, status = error_response(429, "too_many_attempts", refusal.message)
        response.headers["Retry-After"] = str(refusal.retry_after)
        return response, status
    return jsonify({"token": token})


@api.post("/auth/logout")
@require_roles(*Role)
@scoped(Scope.AGENCY)
def logout() -> Response | tuple[Response, int]:
    """Says what it did: a person's token or session ends; a device's token is its identity
    and only an admin revokes it."""
    principal = current_principal()
    if principal is not None and principal.device_id is not None:
        return error_response(409, "device_token_not_revoked",
                              "Token perangkat tidak dicabut dengan keluar. Minta admin "
                              "mencabut perangkat di /admin/perangkat.")
    header = request.headers.get("Authorization", "")
    if header.lower().startswith("bearer "):
        accounts.revoke_token(current_office(), header[7:].strip())
        return jsonify({"ended": "token", "message": "Token dicabut dan tidak berlaku lagi."})
    end_staff_session()
    return jsonify({"ended": "session", "message": "Sesi diakhiri. Silakan masuk lagi."})


@api.post("/users/<int(max=2147483647):user_id>/revoke-tokens")
@require_roles(Role.ADMIN)
@scoped(Scope.USER)
def revoke_user_tokens(user_id: int) -> Response:
    """A petugas lost a phone: every API token of theirs stops working; sign-in still works."""
    return jsonify({"revoked": accounts.revoke_user_tokens(current_office(), user_id)})


@api.post("/counters/<int:number>/call-next")
@require_roles(*STAFF)
@scoped(Scope.COUNTER)
def call_next(number: int) -> Response | tuple[str, int]:
    view = calling.call_next(current_office(), number, acting_user_id())
    if view is None:
        return "", 204
    return jsonify(view)


@api.post("/counters/<int:number>/call")
@require_roles(*STAFF)
@scoped(Scope.COUNTER)
def call_out_of_order(number: int) -> Response:
    """Call one waiting ticket out of turn; the reason goes to the audit log."""
    body = json_body()
    return jsonify(calling.call_ticket(current_office(), number, body.get("ticket"),
                                       body.get("reason"), acting_user_id()))


@api.post("/counters/<int:number>/recall")
@require_roles(*STAFF)
@scoped(Scope.COUNTER)
def recall(number: int) -> Response:
    return jsonify(calling.recall(current_office(), number, acting_user_id()))


@api.post("/counters/<int:number>/take")
@require_roles(*STAFF)
@scoped(Scope.COUNTER)
def take_counter(number: int) -> Response:
    """Sign in to a loket; refused (409 counter_taken) while another petugas holds it."""
    user_id = acting_user_id()
    if user_id is None:
        raise invalid("not_a_person", "Hanya petugas yang dapat memakai loket.")
    return jsonify(counter_holding.take_counter(current_office(), number, user_id))


@api.post("/counters/<int:number>/release")
@require_roles(Role.ADMIN)
@scoped(Scope.COUNTER)
def release_counter(number: int) -> Response:
    return jsonify(counter_holding.release_counter(current_office(), number, acting_user_id()))


@api.post("/counters/<int:number>/state")
@require_roles(*STAFF)
@scoped(Scope.COUNTER)
def set_counter_state(number: int) -> Response:
    state = json_body().get("state")
    return jsonify(counters.set_counter_state(current_office(), number, str(state),
                                              acting_user_id()))


_TICKET_ACTIONS = {
    "start": serving.start,
    "finish": serving.finish,
    "skip": serving.skip,
    "no-show": serving.no_show,
    "cancel": serving.cancel,
    "requeue": serving.requeue,
}


@api.post("/tickets/<public_id>/<any(start, finish, skip, 'no-show', cancel, requeue):action>")
@require_roles(*STAFF)
@scoped(Scope.TICKET)
def ticket_action(public_id: str, action: str) -> Response:
    return jsonify(_TICKET_ACTIONS[action](current_office(), public_id, acting_user_id()))


@api.post("/tickets/<public_id>/priority")
@require_roles(*STAFF)
@scoped(Scope.TICKET)
def decide_priority(public_id: str) -> Response:
    """{"decision": "confirm"} or {"decision": "remove", "reason": "..."}."""
    body = json_body()
    decision = body.get("decision")
    if decision == "confirm":
        return jsonify(serving.confirm_priority(current_office(), public_id, acting_user_id()))
    if decision == "remove":
        return jsonify(serving.remove_priority(current_office(), public_id, body.get("reason"),
                                               acting_user_id()))
    raise invalid("invalid_decision", "Keputusan prioritas: 'confirm' atau 'remove'.")


@api.post("/tickets/<public_id>/transfer")
@require_roles(*STAFF)
@scoped(Scope.TICKET)
def transfer(public_id: str) -> Response:
    target = json_body().get("service")
    return jsonify(serving.transfer(current_office(), public_id, target, acting_user_id(),
                                    scope=acting_agency()))


@api.post("/tickets/<public_id>/reprint")
@require_roles(*STAFF)
@scoped(Scope.TICKET)
def reprint(public_id: str) -> tuple[Response, int]:
    job = ticket_printing.reprint(current_office(), public_id, acting_user_id(),
                                  ticket_link_base())
    return jsonify(job), 202


@api.get("/print-jobs")
@require_roles(*STAFF)
@scoped(Scope.OFFICE)
def print_jobs() -> Response:
    failed_only = request.args.get("status") == "failed"
    return jsonify(ticket_printing.recent_print_jobs(current_office(), failed_only=failed_only))


@api.get("/stats")
@require_roles(*STAFF)
@scoped(Scope.AGENCY)  # narrowed to an agency-bound person's own agency
def get_stats() -> Response:
    office = current_office()
    first, last = parse_period(request.args.get("from"), request.args.get("to"), office_today())
    return jsonify(stats(office, first, last, parse_service(office, request.args.get("service")),
                         agency_in_scope(current_principal(), request.args.get("agency"))))


@api.put("/running-text")
@require_roles(Role.ADMIN)
@scoped(Scope.OFFICE)
def put_running_text() -> Response:
    text = running_text.set_running_text(current_office(), json_body().get("text"),
                                         acting_user_id())
    return jsonify({"running_text": text})


@api.get("/audit")
@require_roles(Role.ADMIN)
@scoped(Scope.OFFICE)
def get_audit() -> Response:
    return jsonify(audit.recent_entries(current_office()))


@api.get("/openapi.json")
@public
def openapi() -> Response:
    return send_file(current_app.config["OPENAPI_PATH"], mimetype="application/json")
