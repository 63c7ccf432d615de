"""Access to the Office the app was built for."""

from __future__ import annotations

from datetime import date

from flask import Flask, current_app

from antrean.usecases.context import Office
from antrean.web.paths import app_url

EXTENSION_KEY = "antrean.office"
ROOT_KEY = "antrean.root"  # an office's app of a deployment: the root app (web.deployment)


def current_office() -> Office:
    office: Office = current_app.extensions[EXTENSION_KEY]
    return office


def deployment_root() -> Flask | None:
    """The root app when this app serves one of a deployment's other offices."""
    root: Flask | None = current_app.extensions.get(ROOT_KEY)
    return root


def first_run_here() -> bool:
    """The first-admin set-up runs at the root only: an office of a deployment gets its
    admins from the deployment's admin (and nobody sees a set-up code for it)."""
    return deployment_root() is None


def office_today() -> date:
    """Today on the office's own calendar, the default end of every report period."""
    office = current_office()
    return office.clock.local_day(office.now())


def public_base_url() -> str:
    """Where phones reach this office: configured (with the mount prefix, if any), or the
    address the kiosk used, under the prefix the app is mounted at."""
    return current_office().settings.server.public_url or app_url("")
