"""run.py export-config: the office as it runs now, as a config.toml that starts another."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from antrean.config import DeploymentOffice, with_setup
from antrean.core.toml_text import dumps
from antrean.db import setup_store
from antrean.usecases.context import Office
from antrean.usecases.setup.change import live


def export_config(office: Office,
                  offices: Iterable[tuple[DeploymentOffice, Office]] = ()) -> str:
    """The file's server settings with the stored office details, services, counters and
    zones.

    Today's temporary closures and extra quota are not part of the set-up; a prefix waiting
    for tomorrow is written as the prefix (it is the service's prefix from then on)."""
    base = live(office).base
    with office.read_transaction() as session:
        stored = setup_store.load(session)
    settings = with_setup(base, stored.office, stored.service_tables(), stored.counter_tables(),
                          stored.agency_tables(), stored.zone_tables())
    if settings.has_agencies:  # each service says whose it is, even where one agency implies it
        settings.raw["services"] = [{**table, "agency": service.agency} for table, service
                                    in zip(settings.raw["services"], settings.services,
                                           strict=True)]
    listed = [_office_table(entry, other) for entry, other in offices]
    if listed:  # a deployment: its other offices, named as their admins now name them
        settings.raw["deployment"] = {"name": base.deployment.name}
        settings.raw["offices"] = listed
    header = (f"# {settings.office.name}: exported by run.py export-config. Start another office "
              "with: python run.py --config this-file.toml\n\n")
    return header + dumps(settings.raw)


def _office_table(entry: DeploymentOffice, office: Office) -> dict[str, Any]:
    """The office's [[offices]] table, with the name and address its own set-up holds."""
    with office.read_transaction() as session:
        stored = setup_store.load(session).office
    table = {**entry.table}
    table.update({key: stored[key] for key in ("name", "address") if stored.get(key)})
    return table
