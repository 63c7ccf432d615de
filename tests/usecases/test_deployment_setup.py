"""The register of a deployment's offices and run.py's --office: each office is created,
exported and given its accounts from the command line as the root office is."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from sqlalchemy import text

import run
from antrean.db.engine import make_engine
from antrean.db.office_databases import office_engine, office_sqlite_url
from antrean.usecases.setup.editing import save_office
from antrean.usecases.setup.offices import register_office, registered_offices
from tests.support.app import AppFactory
from tests.support.deployment import OFFICES, office_of
from tests.support.live_server import PASSWORD


def test_export_config_lists_the_offices_as_their_admins_name_them(
        make_app: AppFactory, database_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_app(database_url, extra_tables=OFFICES)
    register_office(root.office, {"code": "sungai-tabuk", "name": "Kecamatan Sungai Tabuk",
                                  "timezone": "Asia/Makassar"})
    save_office(office_of(root, "astambul"), {"name": "Kantor Camat Astambul"})
    args = ["--config", str(root.config), "--database", root.database_url]
    assert run.main(["export-config", *args]) == 0
    exported = tomllib.loads(capsys.readouterr().out)
    assert exported["deployment"] == {"name": "Pemerintah Kabupaten Uji"}
    assert [(o["code"], o["name"], o["timezone"]) for o in exported["offices"]] == [
        ("astambul", "Kantor Camat Astambul", "Asia/Makassar"),
        ("gambut", "Kecamatan Gambut", "Asia/Jayapura"),
        ("sungai-tabuk", "Kecamatan Sungai Tabuk", "Asia/Makassar")]
    # One office's own set-up, as a config.toml that starts it on its own.
    assert run.main(["export-config", "--office", "astambul", *args]) == 0
    own = tomllib.loads(capsys.readouterr().out)
    assert own["office"]["name"] == "Kantor Camat Astambul" and "offices" not in own
    assert run.main(["export-config", "--office", "tidak-ada", *args]) == 1
    assert "tidak terdaftar" in capsys.readouterr().err


def test_an_office_gets_its_first_admin_from_the_command_line(
        make_app: AppFactory, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_app(extra_tables=OFFICES)
    args = ["--config", str(root.config), "--database", root.database_url]
    assert run.main(["create-user", "--office", "gambut", "--username", "camat",
                     "--password", PASSWORD, "--role", "admin", *args]) == 0
    assert "created admin 'camat'" in capsys.readouterr().out
    api = root.client()
    login = {"username": "camat", "password": PASSWORD}
    assert api.post("/kantor/gambut/api/v1/auth/login", json=login).status_code == 200
    assert api.post("/kantor/astambul/api/v1/auth/login", json=login).status_code == 401
    assert api.post("/api/v1/auth/login", json=login).status_code == 401


def test_offices_from_the_file_are_registered_once_and_added_ones_stay(
        make_app: AppFactory) -> None:
    root = make_app(extra_tables=OFFICES)
    register_office(root.office, {"code": "aluh-aluh", "name": "Kecamatan Aluh-Aluh",
                                  "timezone": "Asia/Makassar"})
    again = make_app(config_dir=root.config.parent, database_url=root.database_url)
    assert [o.code for o in registered_offices(again.office)] == ["astambul", "gambut",
                                                                    "aluh-aluh"]


@pytest.mark.postgres
def test_each_office_keeps_its_tables_in_its_own_schema(postgres_url: str,
                                                       tmp_path: Path) -> None:
    root = make_engine(postgres_url)
    try:
        engines = {code: office_engine(root, code) for code in ("satu", "dua-dua")}
        for code, engine in engines.items():
            with engine.begin() as connection:
                connection.execute(text("CREATE TABLE IF NOT EXISTS probe (office text)"))
                connection.execute(text("INSERT INTO probe VALUES (:code)"), {"code": code})
        # Every connection of the shared pool goes back and forth between the offices; each
        # statement still reaches only the schema of the office that borrowed it.
        for _ in range(3):
            for code, engine in engines.items():
                with engine.connect() as connection:
                    assert connection.execute(text("SELECT office FROM probe")).scalars().all() \
                        == [code]
                    schema = connection.execute(text("SELECT current_schema()")).scalar()
                    assert schema == "kantor_" + code.replace("-", "_")
            with root.connect() as connection:
                assert connection.execute(text("SELECT current_schema()")).scalar() == "public"
        # A rolled-back transaction does not take the connection back to another schema.
        with pytest.raises(RuntimeError), engines["satu"].begin() as connection:
            connection.execute(text("INSERT INTO probe VALUES ('batal')"))
            raise RuntimeError("rolled back")
        with engines["satu"].connect() as connection:
            assert connection.execute(text("SELECT office FROM probe")).scalars().all() == ["satu"]
    finally:
        root.dispose()


def test_an_office_on_sqlite_has_a_file_beside_the_roots(tmp_path: Path) -> None:
    root_url = f"sqlite:///{tmp_path / 'antrean.sqlite3'}"
    assert office_sqlite_url(root_url, "astambul") == \
        f"sqlite:///{tmp_path / 'antrean.kantor-astambul.sqlite3'}"
    assert office_sqlite_url("sqlite://", "astambul") == "sqlite://"
