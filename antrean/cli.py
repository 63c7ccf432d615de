"""Command-line actions of run.py: create-user, create-device, print-test, rollup,
export-config."""

from __future__ import annotations

import argparse
import sys
import time

from antrean.config import DeploymentOffice, Settings, office_settings
from antrean.core.errors import DomainError, ErrorKind
from antrean.core.offices import office_path
from antrean.db import rollup_store
from antrean.db.engine import create_schema, make_engine, make_session_factory
from antrean.db.office_databases import office_engine
from antrean.printing import PrinterError, make_printer
from antrean.printing.sample import sample_slip
from antrean.usecases.access.accounts import create_user
from antrean.usecases.access.devices import create_device
from antrean.usecases.context import Office
from antrean.usecases.reports.rollups import refresh
from antrean.usecases.setup.export import export_config
from antrean.usecases.setup.offices import registered_office, registered_offices
from antrean.usecases.setup.start import make_live


def office_for_cli(settings: Settings, database_url: str,
                   office_code: str | None = None) -> Office:
    """The root office, or (`--office CODE`) one of the deployment's other offices."""
    engine = make_engine(database_url)
    create_schema(engine)
    root = Office(settings=settings, sessions=make_session_factory(engine))
    if office_code is None:
        return root
    entry = registered_office(root, office_code)
    if entry is None:
        raise DomainError(ErrorKind.NOT_FOUND, "unknown_office",
                          f"Kantor '{office_code}' tidak terdaftar (lihat /admin/daftar-kantor).")
    office_engine_ = office_engine(engine, office_code)
    create_schema(office_engine_)
    office = Office(settings=office_settings(settings, entry),
                    sessions=make_session_factory(office_engine_))
    make_live(office)
    return office


def deployment_offices(root: Office) -> list[tuple[DeploymentOffice, Office]]:
    """Every registered office with its own Office (export-config writes them all)."""
    engine = root.sessions.kw["bind"]
    found = []
    for entry in registered_offices(root):
        office_engine_ = office_engine(engine, entry.code)
        create_schema(office_engine_)
        office = Office(settings=office_settings(root.settings, entry),
                        sessions=make_session_factory(office_engine_))
        make_live(office)
        found.append((entry, office))
    return found


def create_user_command(settings: Settings, database_url: str, args: argparse.Namespace) -> int:
    if not (args.username and args.password and args.role):
        print("create-user needs --username, --password and --role", file=sys.stderr)
        return 2
    try:
        office = office_for_cli(settings, database_url, args.office)
    except DomainError as error:
        print(f"error: {error.message}", file=sys.stderr)
        return 1
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
        device, token = create_device(office_for_cli(settings, database_url, args.office),
                                      args.name, args.role, public_url=args.public_url)
    except DomainError as error:
        print(f"error: {error.message}", file=sys.stderr)
        return 1
    base = (settings.server.public_url or "http://<server>") \
        + (office_path(args.office) if args.office else "")
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


def export_config_command(settings: Settings, database_url: str,
                          office_code: str | None = None) -> int:
    """Print the set-up the database holds (as edited in /admin) with the file's server
    settings: a config.toml that `run.py --config` starts the same office from. The root's
    lists the deployment's offices; `--office CODE` prints that office's own."""
    try:
        office = office_for_cli(settings, database_url, office_code)
    except DomainError as error:
        print(f"error: {error.message}", file=sys.stderr)
        return 1
    make_live(office)
    offices = deployment_offices(office) if office_code is None else []
    sys.stdout.write(export_config(office, offices))
    return 0


def rollup_command(settings: Settings, database_url: str, office_code: str | None = None) -> int:
    """Roll up every day whose events changed (reports do it too, for their own period)."""
    began = time.perf_counter()
    try:
        office = office_for_cli(settings, database_url, office_code)
    except DomainError as error:
        print(f"error: {error.message}", file=sys.stderr)
        return 1
    try:
        days, months = refresh(office)
    except DomainError as error:
        print(f"error: {error.message}", file=sys.stderr)
        return 1
    rollup_store.vacuum(office.sessions.kw["bind"])
    print(f"rolled up {days} day(s) and {months} month(s) in "
          f"{time.perf_counter() - began:.1f} s")
    return 0
