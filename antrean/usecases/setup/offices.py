"""The register of a deployment's offices: added by the deployment's admin (or listed as
[[offices]] in config.toml), each then served under /kantor/<code>/ with a database of its own.

The register lives in the root office's database, so every server process finds an office
another process added, without a restart.
"""

from __future__ import annotations

from typing import Any

from antrean.config import ConfigError, DeploymentOffice, deployment_office
from antrean.core.errors import conflict
from antrean.db import office_queries
from antrean.usecases.access import audit
from antrean.usecases.context import Office
from antrean.usecases.setup.change import SettingError

OFFICE_ADDED = "office_added"


def registered_offices(root: Office) -> list[DeploymentOffice]:
    with root.read_transaction() as session:
        rows = office_queries.registered(session)
    return [deployment_office(table, f"offices[{code}]") for code, table in rows]


def registered_office(root: Office, code: str) -> DeploymentOffice | None:
    with root.read_transaction() as session:
        table = office_queries.find(session, code)
    return deployment_office(table, f"offices[{code}]") if table is not None else None


def register_office(root: Office, fields: dict[str, Any],
                    actor_id: int | None = None) -> DeploymentOffice:
    """Add an office: `fields` are the keys of an [[offices]] table (code, name, address,
    timezone), checked by the config's own rules."""
    table = {key: value for key, value in fields.items() if value not in (None, "")}
    try:
        office = deployment_office(table, "offices")
    except ConfigError as error:
        raise SettingError(error) from error
    with root.transaction() as session:
        if not office_queries.register(session, office.code, table, root.now()):
            raise conflict("office_exists", f"Kode: kantor '{office.code}' sudah terdaftar.")
        audit.record(session, root, OFFICE_ADDED, actor_id, office.code, office.name)
    return office


def register_configured_offices(root: Office) -> list[str]:
    """Register the [[offices]] of config.toml not registered yet (at start; an office an
    admin added stays registered). Returns the codes it added."""
    added = []
    with root.transaction() as session:
        for office in root.settings.deployment.offices:
            if office_queries.find(session, office.code) is None and \
                    office_queries.register(session, office.code, office.table, root.now()):
                added.append(office.code)
    return added
