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


def init_security_headers(app: Flask) -> None:
    @app.after_request
    def add_headers(response: Response) -> Response:
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        if request.path.startswith(NO_STORE_PREFIXES):
            response.headers["Cache-Control"] = "no-store"
        return response
