"""In an office's app of a deployment, the deployment's admin (an admin of the root office for
every agency, signed in at the root) acts as that office's admin: nobody needs an account in
each of a hundred offices to set them up."""

from __future__ import annotations

import logging

from flask import Flask, g, request
from werkzeug.wrappers import Response

from antrean.core.access import Principal, Role
from antrean.core.errors import DomainError
from antrean.core.offices import office_path
from antrean.usecases.access.accounts import principal_for_token
from antrean.usecases.access.audit import record_deployment_admin
from antrean.usecases.context import Office
from antrean.web.office import EXTENSION_KEY, current_office, deployment_root

log = logging.getLogger(__name__)
CHANGES = frozenset({"POST", "PUT", "PATCH", "DELETE"})
WEB_TOKEN_KEY = "web_token"  # the session key web.auth keeps the revocable token under
DEPLOYMENT_ADMIN_LABEL = "admin kabupaten"


def deployment_admin() -> Principal | None:
    """The deployment's admin, from the root's own session cookie; None elsewhere."""
    root = deployment_root()
    if root is None:
        return None
    root_principal = _root_principal(root)
    if root_principal is None or root_principal.role != Role.ADMIN \
            or root_principal.agency is not None:
        return None
    g.deployment_admin = root_principal.username  # for note_deployment_admin
    return Principal(user_id=None, username=root_principal.username, role=Role.ADMIN,
                     display_name=f"{root_principal.display_name or root_principal.username} "
                                  f"({DEPLOYMENT_ADMIN_LABEL})")


def deployment_home(code: str) -> str | None:
    """Where the deployment's admin, acting in office `code`, goes back to all offices."""
    if deployment_admin() is None:
        return None
    return request.script_root.removesuffix(office_path(code)) + "/kantor"


def _root_principal(root: Flask) -> Principal | None:
    cookie = request.cookies.get(root.config["SESSION_COOKIE_NAME"])
    serializer = root.session_interface.get_signing_serializer(root)  # type: ignore[attr-defined]
    if not cookie or serializer is None:
        return None
    try:
        data = serializer.loads(cookie, max_age=int(root.permanent_session_lifetime
                                                     .total_seconds()))
    except Exception:  # noqa: BLE001 - a bad or old cookie simply signs nobody in
        return None
    token = data.get(WEB_TOKEN_KEY) if isinstance(data, dict) else None
    if not isinstance(token, str):
        return None
    office: Office = root.extensions[EXTENSION_KEY]
    principal = principal_for_token(office, token)
    return principal if principal is not None and principal.user_id == data.get("user_id") \
        else None


def note_deployment_admin(response: Response) -> Response:
    """After a change the deployment's admin made in this office: an audit entry naming them
    (the office's entry of the change itself has no user id: the account is the root's)."""
    username = g.get("deployment_admin")
    if username and request.method in CHANGES and response.status_code < 400:
        try:
            record_deployment_admin(current_office(), username,
                                    f"{request.method} {request.path} ({response.status_code})")
        except DomainError as error:  # the database is down: the change itself is kept
            log.warning("deployment admin %s: audit entry not written: %s", username,
                        error.message)
    return response
