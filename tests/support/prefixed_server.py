"""run.py's server with the office's whole app mounted under a path prefix, as a
kabupaten-wide server mounts each office at /kantor/<code> (werkzeug's DispatcherMiddleware:
SCRIPT_NAME is the prefix, PATH_INFO the rest). A minimal stand-in for that dispatcher, for
the tests of the prefix: one office, threading mode, nothing answered outside the prefix.

    python -m tests.support.prefixed_server /kantor/uji --config C --database URL --port P
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

from werkzeug.exceptions import NotFound
from werkzeug.middleware.dispatcher import DispatcherMiddleware

from tests.support.live_server import LiveServer


@dataclass
class PrefixedServer(LiveServer):
    """A LiveServer whose app answers under `prefix`; `url` includes it, so every helper that
    builds `server.url + path` speaks to the mounted app."""

    prefix: str = "/kantor/uji"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}{self.prefix}"

    def launcher(self) -> list[str]:
        return [sys.executable, "-m", "tests.support.prefixed_server", self.prefix]


def main(argv: list[str]) -> int:
    import run  # the repository root's run.py: the same app as an operator's server
    from antrean.config import load_settings

    prefix, options = argv[0], run.parse_args(argv[1:])
    settings = load_settings(options.config)
    if settings.server.async_mode != "threading":
        raise SystemExit("prefixed_server serves threading mode only")
    app = run.build_app(settings, options.database)
    run._serve_threading(DispatcherMiddleware(NotFound(), {prefix: app}),
                         options.host, options.port)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
