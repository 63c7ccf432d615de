"""Making an office's set-up live when a process starts."""

from __future__ import annotations

from antrean.usecases.context import Office
from antrean.usecases.live_setup import open_live_setup


def make_live(office: Office) -> str:
    """Seed a new database from config.toml, or say at start which set-up is used; from now
    on every transaction starts from the set-up the database holds."""
    with office.transaction() as session:
        setup, message = open_live_setup(session, office.settings)
    office.setup = setup
    with office.transaction():
        pass  # loads the stored set-up into office.settings
    return message
