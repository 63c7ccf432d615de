"""Headers every answer carries: no MIME sniffing, no framing by other sites, no referrer
leaving the office's site (a pairing link carries a device token), a Content-Security-Policy
that runs only the app's own script files, and no caching of staff and API answers."""

from __future__ import annotations

from flask import Flask, Response, request

# Everything the pages need is served by the app itself; scripts come only from its files
# (templates hold no inline script or handler), and Socket.IO connects back to the same host.
CONTENT_SECURITY_POLICY = "; ".join((
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "media-src 'self'",
    "font-src 'self'",
    "connect-src 'self' ws: wss:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'self'",
))

HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "SAMEORIGIN",
    "Referrer-Policy": "same-origin",
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
}

# Answers that hold staff data, device tokens or live queue state: a shared computer's cache
# or a proxy must not keep them (nor a one-time pairing or set-up page).
NO_STORE_PREFIXES = ("/admin", "/api/", "/console", "/laporan", "/monitor", "/devices", "/p/",
                     "/setup")


_HEADER_ITEMS = tuple(HEADERS.items())
_HEADER_NAMES = frozenset(name.lower() for name in HEADERS)


def init_security_headers(app: Flask) -> None:
    @app.after_request
    def add_headers(response: Response) -> Response:
        headers = response.headers
        # Every answer gets them, so they are added in one go; a view that set one of them
        # itself keeps its own (one look over the few headers an answer has says which).
        if any(name.lower() in _HEADER_NAMES for name, _ in headers):
            for name, value in _HEADER_ITEMS:
                headers.setdefault(name, value)
        else:
            headers.extend(_HEADER_ITEMS)
        if request.path.startswith(NO_STORE_PREFIXES):
            headers["Cache-Control"] = "no-store"
        return response
