"""Bigger request bodies for the few views that take files.

The app keeps a 1 MB limit on every request (MAX_CONTENT_LENGTH); a view marked with
`@accepts_upload(bytes)` lifts it for its own requests, and only for someone the view lets
in: nobody else gets to make the server spool 100 MB before being told no. The hook must
run before any other that reads the body (the input guard parses forms), so it comes first.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from flask import Flask, current_app, request

from antrean.web.auth import current_principal

F = TypeVar("F", bound=Callable[..., Any])
# Room for the multipart framing and the small fields that travel with the file.
FORM_OVERHEAD = 64 * 1024


def accepts_upload(max_file_bytes: int) -> Callable[[F], F]:
    """Put under the route decorator, over @require_roles."""
    def decorator(view: F) -> F:
        view.upload_limit = max_file_bytes + FORM_OVERHEAD  # type: ignore[attr-defined]
        return view
    return decorator


def init_upload_limits(app: Flask) -> None:
    """Call before init_input_guard and register_error_handlers."""
    @app.before_request
    def lift_limit_for_uploads() -> None:
        view = current_app.view_functions.get(request.endpoint or "")
        limit = getattr(view, "upload_limit", None)
        if isinstance(limit, int) and _let_in(getattr(view, "allowed_roles", ())):
            request.max_content_length = limit


def _let_in(roles: object) -> bool:
    principal = current_principal()
    return principal is not None and isinstance(roles, tuple) and principal.role in roles
