"""Who is calling: a bearer token or the console's session cookie; role checks."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import g, request, session

from antrean.core.access import Principal, Role
from antrean.core.errors import DomainError, ErrorKind
from antrean.usecases.access.accounts import issue_token, principal_for_token, revoke_token
from antrean.usecases.access.devices import principal_for_bearer_token, principal_for_device
from antrean.web.deployment_admin import WEB_TOKEN_KEY, deployment_admin
from antrean.web.office import current_office
from antrean.web.scope_guard import check_scope, declared_scope

F = TypeVar("F", bound=Callable[..., Any])

STAFF = (Role.ADMIN, Role.PETUGAS)
DEVICES = (Role.DISPLAY, Role.KIOSK)
# Who may watch the whole queue live on /display: the TV, staff, and a kiosk (waiting counts).
DISPLAY_FEED = (Role.DISPLAY, Role.ADMIN, Role.PETUGAS, Role.KIOSK)


def current_principal() -> Principal | None:
    if "principal" not in g:
        g.principal = _resolve_principal()
    principal: Principal | None = g.principal
    return principal


def _resolve_principal() -> Principal | None:
    header = request.headers.get("Authorization", "")
    if header.lower().startswith("bearer "):
        return principal_for_bearer(header[7:].strip())
    return principal_for_session()


def principal_for_bearer(token: str) -> Principal | None:
    """A user's API token or a device's token."""
    if not token:
        return None
    return principal_for_bearer_token(current_office(), token)


def start_staff_session(principal: Principal) -> None:
    """Sign a person in on this browser. The cookie carries a revocable token, so signing out
    holds even when an older request later hands the browser its previous cookie back."""
    session.clear()  # a fresh session on sign-in: no fixation, a new CSRF token
    session["user_id"] = principal.user_id
    session[WEB_TOKEN_KEY] = issue_token(current_office(), principal.user_id, "web")
    session.permanent = True


def end_staff_session() -> None:
    token = session.get(WEB_TOKEN_KEY)
    if isinstance(token, str):
        revoke_token(current_office(), token)
    session.clear()


def principal_for_session() -> Principal | None:
    """A signed-in petugas/admin, or a browser paired as a device (TV, kiosk)."""
    user_id = session.get("user_id")
    if isinstance(user_id, int):
        token = session.get(WEB_TOKEN_KEY)
        principal = principal_for_token(current_office(), token) \
            if isinstance(token, str) else None
        return principal if principal is not None and principal.user_id == user_id else None
    device_id = session.get("device_id")
    if isinstance(device_id, int):
        return principal_for_device(current_office(), device_id)
    return deployment_admin()


def socket_principal(auth: object) -> Principal | None:
    """Who opens a Socket.IO connection: `auth={"token": ...}` or the session cookie."""
    if isinstance(auth, dict) and isinstance(auth.get("token"), str):
        return principal_for_bearer(auth["token"])
    return _resolve_principal()


PUBLIC = "public"


def public(view: F) -> F:
    """Open to anyone (warga, phones); declared so the route-table test sees every view."""
    view.allowed_roles = PUBLIC  # type: ignore[attr-defined]
    return view


def require_roles(*roles: Role) -> Callable[[F], F]:
    """Only these roles may call the view; 401 (or the login page) without a principal. Then
    the agency scope the view declares (scope_guard.scoped; none: office-wide people only)."""
    def decorator(view: F) -> F:
        scope = declared_scope(view)

        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            principal = current_principal()
            if principal is None:
                raise DomainError(ErrorKind.UNAUTHORIZED, "unauthorized",
                                  "Silakan masuk terlebih dahulu.")
            if principal.role not in roles:
                raise DomainError(ErrorKind.FORBIDDEN, "forbidden",
                                  "Anda tidak berhak melakukan tindakan ini.")
            check_scope(principal, scope, kwargs)
            return view(*args, **kwargs)
        wrapped.allowed_roles = tuple(roles)  # type: ignore[attr-defined]
        return wrapped  # type: ignore[return-value]
    return decorator


def acting_user_id() -> int | None:
    """The signed-in user; None for a device or nobody."""
    principal = current_principal()
    return principal.user_id if principal else None


def acting_agency() -> str | None:
    """The agency whose part of the office the caller sees (core.scope); None: all of it."""
    principal = current_principal()
    return principal.agency if principal else None


def signed_in() -> Principal:
    """The principal of a view behind require_roles, which never runs without one."""
    principal = current_principal()
    assert principal is not None
    return principal
