"""run.py export-config: the office as edited live, as a config.toml that starts the same
office elsewhere (and exports to the very same text again)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

import run
from antrean.config import load_settings
from antrean.db.engine import make_engine, make_session_factory
from antrean.usecases.context import Office
from antrean.usecases.events import RecordingPublisher
from antrean.usecases.setup.agencies import save_agency
from antrean.usecases.setup.editing import save_counter, save_office, save_service
from antrean.usecases.setup.quick_actions import add_quota_today, pause_service
from antrean.usecases.setup.start import make_live
from tests.conftest import OfficeFactory
from tests.support.configs import write_config
from tests.support.mpp import write_mpp_config


def export(config: Path, database_url: str, capsys: pytest.CaptureFixture[str]) -> str:
    assert run.main(["export-config", "--config", str(config), "--database", database_url]) == 0
    return capsys.readouterr().out


def test_export_then_import_gives_an_identical_office(
        make_office: OfficeFactory, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first_url = f"sqlite:///{tmp_path / 'first.sqlite3'}"
    office, _, _ = make_office(first_url, live=True)
    save_service(office, "KK", {"daily_quota": 70, "name": "Kartu Keluarga \"KK\"",
                                "issuing_hours": {"senin": "08:00-12:00",
                                                  "jumat": "08:00-10:30"}})
    save_service(office, None, {"code": "SKTM", "name": "Surat Keterangan Tidak Mampu",
                                "prefix": "E", "requirements": ["Surat pengantar RT/RW"]})
    save_counter(office, 3, {"services": ["AKTA", "SKTM"], "name": "Loket Tiga"})
    save_office(office, {"name": "Kecamatan Hasil Ekspor", "counter_word": "gerai"})
    pause_service(office, "KTP", "Gangguan")  # today's state, not part of the set-up
    add_quota_today(office, "KTP", 5)
    text = export(tmp_path / "config.toml", first_url, capsys)

    other = tmp_path / "other"
    other.mkdir()
    write_config(other)  # only for its secret key file path; replaced below
    (other / "config.toml").write_text(text, encoding="utf-8")
    second_url = f"sqlite:///{other / 'second.sqlite3'}"
    copied = load_settings(other / "config.toml")
    # Today's closure and extra quota stay behind: they are the running day's, not the set-up.
    assert copied.services == tuple(
        replace(s, paused_reason="", extra_quota_today=0,
                daily_quota=500 if s.code == "KTP" else s.daily_quota)
        for s in office.settings.services)
    assert copied.counters == office.settings.counters
    assert copied.office == office.settings.office
    assert export(other / "config.toml", second_url, capsys) == text


def test_an_mpp_exports_its_agencies_and_each_services_agency_and_loads_the_same(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = write_mpp_config(tmp_path)
    url = f"sqlite:///{tmp_path / 'mpp.sqlite3'}"
    export(config, url, capsys)  # seeds the database from the file
    office = Office(settings=load_settings(config), sessions=make_session_factory(
        make_engine(url)), publisher=RecordingPublisher())
    make_live(office)
    save_agency(office, None, {"code": "polres", "name": "Polres Banjar", "short_name": "SIM",
                               "logo": "polres.png"})
    save_agency(office, "pdam", {"short_name": "PDAM Intan Banjar"})
    save_service(office, None, {"code": "SIM", "name": "Perpanjangan SIM", "prefix": "M",
                                "agency": "polres"})
    text = export(config, url, capsys)
    assert text.count("[[agencies]]") == 13
    assert text.count("\nagency = ") == 26  # every service names its agency

    other = tmp_path / "other"
    other.mkdir()
    (other / "config.toml").write_text(text, encoding="utf-8")
    copied = load_settings(other / "config.toml")
    assert copied.agencies == office.settings.agencies
    assert copied.services == office.settings.services
    assert copied.counters == office.settings.counters and copied.zones == office.settings.zones
    assert export(other / "config.toml", f"sqlite:///{other / 'copy.sqlite3'}", capsys) == text
