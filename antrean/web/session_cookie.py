"""The signed session cookie, with its signer built once per key rather than per request.

Flask's SecureCookieSessionInterface builds a new URLSafeTimedSerializer for every request
(opening and saving the session), a JSON dump included, though it depends only on the keys:
on a public read that was a twentieth of the server's time (bench.hot_path profile). The
signer is kept for as long as the secret key and its fallbacks stay the same.

Mounted under a prefix (one server, an office per /kantor/<code>), the cookie's path is that
prefix: each office keeps its own sign-in, signed with its own key, on the same host. At the
root the path stays "/".
"""

from __future__ import annotations

from typing import Any

from flask import Flask, request
from flask.sessions import SecureCookieSessionInterface
from itsdangerous import URLSafeTimedSerializer


class KeptSignerSessionInterface(SecureCookieSessionInterface):
    def __init__(self) -> None:
        self._kept: tuple[Any, URLSafeTimedSerializer | None] | None = None

    def get_signing_serializer(self, app: Flask) -> URLSafeTimedSerializer | None:
        keys = (app.secret_key, tuple(app.config["SECRET_KEY_FALLBACKS"] or ()))
        kept = self._kept  # one tuple, read and replaced whole: safe between threads
        if kept is None or kept[0] != keys:
            kept = (keys, super().get_signing_serializer(app))
            self._kept = kept
        return kept[1]

    def get_cookie_path(self, app: Flask) -> str:
        configured: str | None = app.config["SESSION_COOKIE_PATH"]
        return configured or request.script_root or super().get_cookie_path(app)
