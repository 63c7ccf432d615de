"""The app factory: one Flask app per Office, Socket.IO attached, blueprints registered."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from flask import Blueprint, Flask
from sqlalchemy import Engine
from werkzeug.middleware.proxy_fix import ProxyFix

from antrean.config import DeploymentOffice, Settings, office_settings
from antrean.core.offices import office_path, session_cookie_name
from antrean.db.engine import create_schema, make_engine, make_session_factory
from antrean.db.office_databases import office_engine
from antrean.printing import make_printer
from antrean.printing.dispatch import BackgroundPrinting
from antrean.realtime.broadcaster import SocketBroadcaster
from antrean.realtime.message_queue import ReliableRedisManager
from antrean.realtime.socket import office_rooms, socketio
from antrean.usecases.context import Office
from antrean.usecases.queue.ticket_printing import (
    fail_interrupted_jobs,
    printing_enabled,
    run_print_job,
)
from antrean.usecases.setup.offices import register_configured_offices
from antrean.usecases.setup.start import make_live
from antrean.web.admin import admin_pages
from antrean.web.admin_nav import init_admin_nav
from antrean.web.agency_api import agency_api
from antrean.web.agency_pages import agency_pages
from antrean.web.agency_report_pages import agency_report_api, agency_report_pages
from antrean.web.api import api
from antrean.web.booking import init_booking
from antrean.web.console import console_pages
from antrean.web.csrf import init_csrf
from antrean.web.deployment import (
    OFFICE_APPS_KEY,
    OfficeApps,
    OfficeDirectory,
    SharedSocketIO,
)
from antrean.web.deployment_admin import deployment_home, note_deployment_admin
from antrean.web.deployment_pages import deployment_pages
from antrean.web.deployment_socket import register_deployment_handlers
from antrean.web.device_pages import device_pages
from antrean.web.devices import device_api, pairing
from antrean.web.errors import register_error_handlers
from antrean.web.feedback import feedback_blueprints
from antrean.web.home import home_pages
from antrean.web.input_guard import init_input_guard
from antrean.web.live_setup_api import live_setup_api
from antrean.web.live_setup_pages import live_setup_pages
from antrean.web.login import login_pages
from antrean.web.media_api import media_api
from antrean.web.media_files import media_files
from antrean.web.media_pages import media_pages
from antrean.web.office import EXTENSION_KEY, ROOT_KEY
from antrean.web.pairing_pages import pairing_links
from antrean.web.report_pages import report_pages
from antrean.web.secret_key import load_or_create_secret_key
from antrean.web.security_headers import init_security_headers
from antrean.web.session_cookie import KeptSignerSessionInterface
from antrean.web.setup_pages import setup_pages
from antrean.web.socket_access import init_connection_watch
from antrean.web.socket_handlers import register_handlers
from antrean.web.socket_rooms import ROOMS_KEY
from antrean.web.tracking import tracking_pages
from antrean.web.upload_limits import init_upload_limits
from antrean.web.zone_pages import zone_pages

REPO_ROOT = Path(__file__).resolve().parents[2]
WEB_DIR = Path(__file__).resolve().parent


@dataclass(frozen=True)
class OfficePlace:
    """Where an office of a deployment is served: its code (`/kantor/<code>/`), its engine
    (db.office_databases) and the root app, whose Socket.IO server it shares."""

    code: str
    engine: Engine
    root: Flask


def create_app(settings: Settings, database_url: str,
               blueprints: Iterable[Blueprint] = (),
               now: Callable[[], datetime] | None = None,
               place: OfficePlace | None = None) -> Flask:
    """The root office's app (place None), which also serves the deployment's other offices
    under /kantor/<code>/ (web.deployment), or one of those offices' apps."""
    app = Flask(__name__, template_folder=str(REPO_ROOT / "templates"),
                static_folder=str(WEB_DIR / "static"), static_url_path="/static")
    secret = load_or_create_secret_key(settings)
    app.config.update(
        SECRET_KEY=secret if place is None else office_secret(secret, place.code),
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        # Behind HTTPS (public_url https://...) the cookie never travels in clear text.
        SESSION_COOKIE_SECURE=settings.server.public_url.startswith("https://"),
        MAX_CONTENT_LENGTH=1024 * 1024,
        JSON_SORT_KEYS=False,
        OPENAPI_PATH=str(WEB_DIR / "openapi.json"),
    )
    app.session_interface = KeptSignerSessionInterface()
    if settings.server.proxy_hops:
        # Only then is X-Forwarded-For believed: the client address the rate limit counts.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=settings.server.proxy_hops,  # type: ignore[method-assign]
                                x_proto=settings.server.proxy_hops)
    if place is not None:
        app.config.update(SESSION_COOKIE_NAME=session_cookie_name(place.code),
                          SESSION_COOKIE_PATH=office_path(place.code))
    engine = make_engine(database_url) if place is None else place.engine
    create_schema(engine)
    office = Office(settings=settings, sessions=make_session_factory(engine))
    if now is not None:
        office.now = now
    app.config["SETUP_SOURCE"] = make_live(office)  # run.py prints it at start
    rooms = office_rooms(place.code if place is not None else None)
    app.extensions[ROOMS_KEY] = rooms
    office.publisher = broadcaster = SocketBroadcaster(socketio, rooms=rooms)
    _set_up_printing(office)
    app.extensions[EXTENSION_KEY] = office
    init_upload_limits(app)  # first: it decides how much of a body the others may read
    init_input_guard(app)
    app.json.sort_keys = False  # type: ignore[attr-defined]
    register_error_handlers(app)
    init_csrf(app)
    init_security_headers(app)
    app.register_blueprint(api)
    app.register_blueprint(home_pages)
    app.register_blueprint(setup_pages)
    app.register_blueprint(login_pages)
    app.register_blueprint(device_api)
    app.register_blueprint(pairing)
    app.register_blueprint(pairing_links)
    app.register_blueprint(device_pages)
    app.register_blueprint(tracking_pages)
    app.register_blueprint(console_pages)
    app.register_blueprint(admin_pages)
    app.register_blueprint(live_setup_pages)
    app.register_blueprint(zone_pages)
    app.register_blueprint(live_setup_api)
    app.register_blueprint(agency_pages)
    app.register_blueprint(agency_api)
    app.register_blueprint(report_pages)
    app.register_blueprint(media_pages)
    app.register_blueprint(media_files)
    app.register_blueprint(media_api)
    app.register_blueprint(agency_report_pages)
    app.register_blueprint(agency_report_api)
    for feedback in feedback_blueprints():
        app.register_blueprint(feedback)
    init_booking(app, office)
    app.context_processor(lambda: {"office_name": office.settings.office.name,
                                   "has_agencies": office.settings.has_agencies})
    init_admin_nav(app)
    for blueprint in blueprints:
        app.register_blueprint(blueprint)
    if place is not None:
        broadcaster.in_deployment = lambda: True
        _join_deployment(app, place)
        return app
    app.register_blueprint(deployment_pages)  # the deployment is managed at the root
    socketio.init_app(
        app,
        async_mode=settings.server.async_mode,
        message_queue=settings.server.message_queue or None,
        client_manager=ReliableRedisManager(
            settings.server.message_queue, settings.server.message_queue_channel,
            on_resubscribed=broadcaster.resync,
        ) if settings.server.message_queue else None,
    )
    register_handlers(socketio)
    register_deployment_handlers(socketio)
    init_connection_watch(app, socketio)
    offices = _serve_offices(app, office, engine, blueprints, now)
    broadcaster.in_deployment = offices.any_made
    return app


def _serve_offices(root: Flask, root_office: Office, engine: Engine,
                   blueprints: Iterable[Blueprint],
                   now: Callable[[], datetime] | None) -> OfficeApps:
    """Serve the deployment's other offices under /kantor/<code>/, each made on first use."""
    blueprints = tuple(blueprints)

    def make(entry: DeploymentOffice) -> Flask:
        place = OfficePlace(entry.code, office_engine(engine, entry.code), root)
        return create_app(office_settings(root_office.settings, entry), "", blueprints, now,
                          place)

    register_configured_offices(root_office)
    offices = OfficeApps(root_office, make)
    root.extensions[OFFICE_APPS_KEY] = offices
    root.wsgi_app = OfficeDirectory(root.wsgi_app, offices)  # type: ignore[method-assign]
    return offices


def _join_deployment(app: Flask, place: OfficePlace) -> None:
    """An office's app answers Socket.IO on the root's server, in its own rooms."""
    app.extensions["socketio"] = socketio
    app.extensions[ROOT_KEY] = place.root
    app.wsgi_app = SharedSocketIO(socketio.server, app)  # type: ignore[method-assign]
    init_connection_watch(app, socketio)
    app.context_processor(lambda: {"deployment_home": deployment_home(place.code)})
    app.after_request(note_deployment_admin)


def office_secret(root_secret: str, code: str) -> str:
    """Each office signs its cookies with a key of its own, so one office's cookie is never
    taken for another's."""
    return hmac.new(root_secret.encode(), f"kantor:{code}".encode(), hashlib.sha256).hexdigest()


def _set_up_printing(office: Office) -> None:
    if not printing_enabled(office):
        return
    printer = make_printer(office.settings.printer)
    fail_interrupted_jobs(office)
    office.print_dispatcher = BackgroundPrinting(
        lambda job_id: run_print_job(office, printer, job_id), socketio.start_background_task
    )
