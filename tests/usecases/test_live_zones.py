"""Zones in the live set-up: seeded once from the file, then the database's."""

from __future__ import annotations

from antrean.db import setup_store
from antrean.db.models import Setting
from antrean.usecases.setup.start import make_live
from antrean.usecases.setup.zones import remove_zone
from tests.conftest import OfficeFactory
from tests.support.zones import ZONES


def test_a_database_from_before_zones_gets_the_files_zones_once(
        make_office: OfficeFactory, sqlite_url: str) -> None:
    old, _, _ = make_office(sqlite_url, live=True)  # seeded without zones
    with old.transaction() as session:  # as a database made before zones were live
        session.delete(session.get(Setting, setup_store.ZONES_SEEDED_KEY))
    upgraded, _, _ = make_office(sqlite_url, extra_tables=ZONES)
    assert "the database matches" in make_live(upgraded)
    assert [z.code for z in upgraded.settings.zones] == ["utara", "selatan", "tengah"]
    remove_zone(upgraded, "utara")
    again, _, _ = make_office(sqlite_url, extra_tables=ZONES)
    message = make_live(again)
    assert "zones: utara" in message and "using the DATABASE" in message
    assert [z.code for z in again.settings.zones] == ["selatan", "tengah"]  # not back
