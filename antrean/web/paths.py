"""The app's own addresses under the prefix it is mounted at.

One server may mount each office's whole app under its own path (WSGI SCRIPT_NAME, e.g.
/kantor/<code>); routes, `next` values and the admin menu keep speaking of app paths
("/admin/"), and whatever leaves for a browser (a redirect, a link in JSON) goes through
here. At the root the script root is "" and every address stays as it was.
"""

from __future__ import annotations

from flask import redirect, request
from werkzeug.wrappers import Response


def app_path(path: str) -> str:
    """`path` (an app path starting with "/") as the browser must ask for it."""
    return request.script_root + path


def app_url(path: str) -> str:
    """`path` as an absolute URL on the address the request came in by."""
    return request.host_url.rstrip("/") + app_path(path)


def redirect_to(path: str, code: int = 302) -> Response:
    """A redirect to an app path, under the prefix the app is mounted at."""
    return redirect(app_path(path), code=code)
