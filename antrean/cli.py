"""Command-line actions of run.py: create-user, create-device, print-test, rollup,
export-config."""

from __future__ import annotations

import argparse
import sys
import time

from antrean.config import Settings
from antrean.core.errors import DomainError
from antrean.db import rollup_store
from antrean.db.engine import create_schema, make_engine, make_session_factory
from antrean.printing import PrinterError, make_printer
from antrean.printing.sample import sample_slip
from antrean.usecases.access.accounts import create_user
from antrean.usecases.access.devices import create_device
from antrean.usecases.context import Office
from antrean.usecases.reports.rollups import refresh
from antrean.usecases.setup.export import export_config
from antrean.usecases.setup.start import make_live


def office_for_cli(settings: Settings, database_url: str) -> Office:
    engine = make_engine(database_url)
    create_schema(engine)
    return Office(settings=settings, sessions=make_session_factory(engine))


def create_user_command(settings: Settings, database_url: str, args: argparse.Namespace) -> int:
    if not (args.username and args.password and args.role):
        print("create-user needs --username, --password and --role", file=sys.stderr)
        return 2
    office = office_for_cli(settings, database_url)
    agency = args.agency or None
    if agency is not None:
        make_live(office)  # the agencies as edited in /admin, not only those of the file
    try:
        principal = create_user(office, args.username, args.password, args.role,
                                display_name=args.name, agency=agency)
    except DomainError as error:
        print(f"error: {error.message}", file=sys.stderr)
        return 1
    scope = f" of agency '{agency}'" if agency else ""
    print(f"created {principal.role.value} '{principal.username}'{scope}")
    return 0


def create_device_command(settings: Settings, database_url: str,
                          args: argparse.Namespace) -> int:
    """Create a TV or kiosk; its token is printed once and only its hash is stored."""
    try:
        device, token = create_device(office_for_cli(settings, database_url), args.name,
                                      args.role, public_url=args.public_url)
    except DomainError as error:
        print(f"error: {error.message}", file=sys.stderr)
        return 1
    base = settings.server.public_url or "http://<server>"
    print(f"created {device['role']} device {device['id']} '{device['name']}'")
    print(f"token (shown once): {token}")
    print(f"pair the browser by opening: {base}/devices/pair?token={token}")
    return 0


def print_test_command(settings: Settings) -> int:
    """Print a sample ticket on the configured printer, as an installer checks a new kiosk."""
    if settings.printer.kind == "none":
        print("print-test: no printer configured ([printer] kind = \"none\")", file=sys.stderr)
        return 1
    slip = sample_slip(settings.office.name, settings.office.timezone, settings.ticket.footer,
                       settings.server.public_url or "http://127.0.0.1:5000",
                       office_address=settings.office.address)
    try:
        make_printer(settings.printer).print_slip(slip)
    except PrinterError as error:
        print(f"print-test failed ({error.code}): {error.message}", file=sys.stderr)
        return 1
    print(f"print-test: sample ticket {slip.number} sent to the {settings.printer.kind} printer")
    return 0


def export_config_command(settings: Settings, database_url: str) -> int:
    """Print the set-up the database holds (as edited in /admin) with the file's server
    settings: a config.toml that `run.py --config` starts the same office from."""
    office = office_for_cli(settings, database_url)
    make_live(office)
    sys.stdout.write(export_config(office))
    return 0


def rollup_command(settings: Settings, database_url: str) -> int:
    """Roll up every day whose events changed (reports do it too, for their own period)."""
    began = time.perf_counter()
    office = office_for_cli(settings, database_url)
    try:
        days, months = refresh(office)
    except DomainError as error:
        print(f"error: {error.message}", file=sys.stderr)
        return 1
    rollup_store.vacuum(office.sessions.kw["bind"])
    print(f"rolled up {days} day(s) and {months} month(s) in "
          f"{time.perf_counter() - began:.1f} s")
    return 0
