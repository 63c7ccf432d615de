"""CSRF protection for cookie-authenticated requests (console, admin and public forms).

A per-session token is rendered into every form (`csrf_token()` in templates) and sent back as
the `csrf_token` field or the `X-CSRF-Token` header. Bearer-token API calls carry no ambient
credential, so they need no token.
"""

from __future__ import annotations

import hmac
import secrets

from flask import Flask, request, session

from antrean.core.errors import DomainError, ErrorKind

SESSION_KEY = "csrf_token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def csrf_token() -> str:
    token = session.get(SESSION_KEY)
    if not isinstance(token, str):
        token = secrets.token_urlsafe(32)
        session[SESSION_KEY] = token
    return token


def _sent_token() -> str:
    return request.headers.get("X-CSRF-Token") or request.form.get("csrf_token", "")


def check_csrf() -> None:
    if request.method in SAFE_METHODS or request.routing_exception is not None:
        return  # no view runs for an unknown route or a wrong method: let its 404/405 answer
    if request.headers.get("Authorization", "").lower().startswith("bearer "):
        return
    # Only requests that could ride on a session cookie need the token.
    if request.path.startswith("/api/") and "user_id" not in session:
        return
    expected = session.get(SESSION_KEY)
    if not isinstance(expected, str) or not hmac.compare_digest(expected, _sent_token()):
        raise DomainError(ErrorKind.FORBIDDEN, "csrf_failed",
                          "Sesi formulir kedaluwarsa. Muat ulang halaman lalu coba lagi.")


def init_csrf(app: Flask) -> None:
    app.before_request(check_csrf)
    app.jinja_env.globals["csrf_token"] = csrf_token
