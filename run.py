"""Start Antrean, or run one of its commands.

    python run.py [--config config.toml] [--database URL] [--host H] [--port P]
    python run.py create-user --username U --password P --role admin|petugas [--agency CODE]
    python run.py create-device --name "TV Lobi" --role display|kiosk
    python run.py print-test
    python run.py rollup          # roll up the reports of every changed day (cron, nightly)
    python run.py export-config   # the office as it runs now, as a config.toml (to stdout)

Every command but serve and print-test takes --office CODE: then it works on that office of
the deployment (/kantor/CODE/, registered in /admin/daftar-kantor) instead of the root office.
"""

from __future__ import annotations

import argparse
import os
import sys


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Antrean queue server")
    parser.add_argument("command", nargs="?", default="serve",
                        choices=["serve", "create-user", "create-device", "print-test", "rollup",
                                 "export-config"])
    parser.add_argument("--config", default="config.toml")
    parser.add_argument("--database", default=None,
                        help="SQLAlchemy URL; default: antrean.sqlite3 beside the config")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=5000)
    parser.add_argument("--message-queue", default=None,
                        help="redis:// URL shared by several server processes")
    parser.add_argument("--username")
    parser.add_argument("--password")
    parser.add_argument("--role", choices=["admin", "petugas", "kiosk", "display"])
    parser.add_argument("--name", default="", help="display name (create-user) or device name")
    parser.add_argument("--agency", default=None,
                        help="create-user: the instansi the account works for (an MPP's "
                             "[[agencies]] code); default: the whole office")
    parser.add_argument("--office", default=None,
                        help="the deployment's office to work on (its code in "
                             "/admin/daftar-kantor); default: the root office")
    parser.add_argument("--public-url", default="",
                        help="create-device: the kiosk's address in its tickets' QR codes")
    return parser.parse_args(argv)


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    from antrean.config import ConfigError, load_settings, with_message_queue

    try:
        settings = load_settings(args.config)
        if args.message_queue is not None:
            settings = with_message_queue(settings, args.message_queue)
    except ConfigError as error:
        print(f"config error: {error}", file=sys.stderr)
        return 2
    if args.command == "serve":
        _patch_for(settings.server.async_mode)
    from antrean.db.engine import sqlite_url_beside

    database_url = args.database or os.environ.get("ANTREAN_DATABASE_URL") \
        or sqlite_url_beside(settings.source or __import__("pathlib").Path(args.config))
    if args.command == "create-user":
        from antrean.cli import create_user_command

        return create_user_command(settings, database_url, args)
    if args.command == "create-device":
        from antrean.cli import create_device_command

        return create_device_command(settings, database_url, args)
    if args.command == "print-test":
        from antrean.cli import print_test_command

        return print_test_command(settings)
    if args.command == "rollup":
        from antrean.cli import rollup_command

        return rollup_command(settings, database_url, args.office)
    if args.command == "export-config":
        from antrean.cli import export_config_command

        return export_config_command(settings, database_url, args.office)
    return serve(settings, database_url, args.host, args.port)


def _patch_for(async_mode: str) -> None:
    """Cooperative servers need the standard library patched before anything else loads."""
    if async_mode == "eventlet":
        # psycopg 3 must wait with select() under eventlet's patched sockets.
        os.environ.setdefault("PSYCOPG_WAIT_FUNC", "wait_selector")
        import warnings

        with warnings.catch_warnings():
            # Eventlet announces its own deprecation on import (README, "run.py"): known, and
            # nothing an operator can act on. Only that warning is silenced.
            warnings.filterwarnings("ignore", message=r"\s*Eventlet is deprecated")
            import eventlet
        eventlet.monkey_patch()
    elif async_mode == "gevent":
        from gevent import monkey

        monkey.patch_all()


def build_app(settings, database_url):  # type: ignore[no-untyped-def]
    """The composition root: the core app plus the kiosk and display front ends."""
    from antrean.web.app import create_app
    from display.views import blueprint as display_blueprint
    from kiosk.views import blueprint as kiosk_blueprint

    return create_app(settings, database_url, blueprints=[display_blueprint, kiosk_blueprint])


def serve(settings, database_url: str, host: str, port: int) -> int:  # type: ignore[no-untyped-def]
    from antrean.realtime.socket import socketio
    from antrean.web.booking_worker import start_booking_worker

    listener = _claim_port(host, port, settings.server.async_mode)
    if listener is None:
        return 1
    if not settings.server.public_url:
        print("PERINGATAN: [server] public_url belum diisi di config.toml: tiket hanya memuat "
              "kode QR dari kios yang punya alamatnya sendiri (create-device --public-url); "
              "isi misalnya public_url = \"http://192.168.1.10:5000\".",
              file=sys.stderr, flush=True)
    app = build_app(settings, database_url)
    start_booking_worker(app, socketio.start_background_task, socketio.sleep)
    print(f"Antrean: {app.extensions['antrean.office'].settings.office.name} on "
          f"http://{host}:{port} ({settings.server.async_mode})", flush=True)
    _start_offices(app, f"http://{host}:{port}")
    print(app.config["SETUP_SOURCE"], flush=True)
    _announce_setup_code(app, host, port)
    if settings.server.async_mode == "eventlet":
        import eventlet.wsgi

        eventlet.wsgi.server(listener, app, log_output=False)
        return 0
    listener.close()  # werkzeug and gevent bind again, never with SO_REUSEPORT
    if settings.server.async_mode == "threading":
        _serve_threading(app, host, port)
        return 0
    socketio.run(app, host=host, port=port, log_output=False)
    return 0


def _start_offices(app, base_url: str) -> None:  # type: ignore[no-untyped-def]
    """The deployment's other offices: each runs its booking work as the root does, and all
    are opened at start, in the background, so their work runs before anyone visits them."""
    from antrean.core.offices import office_path
    from antrean.realtime.socket import socketio
    from antrean.usecases.setup.offices import registered_offices
    from antrean.web.booking_worker import start_booking_worker
    from antrean.web.deployment import OFFICE_APPS_KEY
    from antrean.web.office import EXTENSION_KEY

    listed = registered_offices(app.extensions[EXTENSION_KEY])
    if listed:
        print(f"{len(listed)} kantor lain: " + ", ".join(
            f"{entry.name} {base_url}{office_path(entry.code)}/" for entry in listed), flush=True)
    offices = app.extensions[OFFICE_APPS_KEY]
    offices.on_made.append(lambda office_app: start_booking_worker(
        office_app, socketio.start_background_task, socketio.sleep))
    socketio.start_background_task(offices.open_all)


def _serve_threading(app, host: str, port: int) -> None:  # type: ignore[no-untyped-def]
    """Werkzeug's threaded server, as socketio.run would start it, without its development
    banner and production warning (threading mode is the operator's choice in config.toml)
    and, as with log_output=False, without a line per request."""
    from werkzeug.serving import WSGIRequestHandler, make_server

    class QuietRequestHandler(WSGIRequestHandler):
        def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
            pass

    make_server(host, port, app, threaded=True,
                request_handler=QuietRequestHandler).serve_forever()


def _claim_port(host: str, port: int, async_mode: str):  # type: ignore[no-untyped-def]
    """The listening socket, bound without SO_REUSEPORT (eventlet's default would let a second
    server share the port and take half the screens' connections); None, said plainly, when
    another program already listens there."""
    import errno
    import socket

    family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    try:
        if async_mode == "eventlet":
            import eventlet

            return eventlet.listen(address, family, reuse_port=False)
        probe = socket.socket(family, kind, proto)
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        probe.bind(address)
        return probe
    except OSError as error:
        if error.errno != errno.EADDRINUSE:
            raise
        print(f"Antrean tidak dijalankan: port {port} di {host} sudah dipakai program lain "
              f"(mungkin server Antrean yang sudah berjalan). Hentikan program itu atau pilih "
              f"--port lain.", file=sys.stderr, flush=True)
        return None


def _announce_setup_code(app, host: str, port: int) -> None:  # type: ignore[no-untyped-def]
    """While no admin exists, print the one-time code the set-up page asks for."""
    from antrean.core.one_time_codes import grouped
    from antrean.usecases.access.first_admin import issue_setup_code
    from antrean.web.office import EXTENSION_KEY

    code = issue_setup_code(app.extensions[EXTENSION_KEY])
    if code is not None:
        print(f"Belum ada admin. Buka http://{host}:{port}/setup dan masukkan kode penyiapan: "
              f"{grouped(code)}", flush=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
