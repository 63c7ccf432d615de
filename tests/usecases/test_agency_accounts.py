"""Accounts carry an agency (issue 17): checked against the office's instansi, kept in the
principal every request sees, set from /admin or `run.py create-user --agency`."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from antrean.cli import create_user_command
from antrean.config import load_settings
from antrean.core.errors import DomainError
from antrean.usecases.access.accounts import authenticate, create_user, login, principal_for_token
from tests.support.app import AppFactory
from tests.support.mpp_office import A, mpp_app

PASSWORD = "rahasia-123"


def test_a_person_keeps_their_agency_from_sign_in_to_every_token(make_app: AppFactory,
                                                                  tmp_path: Path) -> None:
    office = mpp_app(make_app, tmp_path / "mpp").office
    create_user(office, "siti", PASSWORD, "petugas", agency=A)
    create_user(office, "kepala", PASSWORD, "admin")
    assert authenticate(office, "siti", PASSWORD).agency == A
    token = login(office, "siti", PASSWORD)
    principal = principal_for_token(office, token)
    assert principal is not None and principal.agency == A
    assert authenticate(office, "kepala", PASSWORD).agency is None


@pytest.mark.parametrize(("role", "agency", "code"), [
    ("petugas", "bpjs", "unknown_agency"),
    ("kiosk", A, "invalid_agency"),
])
def test_an_agency_must_be_one_of_the_office_and_only_for_people(
        make_app: AppFactory, tmp_path: Path, role: str, agency: str, code: str) -> None:
    office = mpp_app(make_app, tmp_path / "mpp").office
    with pytest.raises(DomainError) as refused:
        create_user(office, "siti", PASSWORD, role, agency=agency)
    assert refused.value.code == code


def test_a_single_office_gives_nobody_an_agency(make_app: AppFactory) -> None:
    office = make_app().office
    with pytest.raises(DomainError) as refused:
        create_user(office, "siti", PASSWORD, "petugas", agency="kantor")
    assert refused.value.code == "no_agencies"


def test_run_py_create_user_takes_an_agency_checked_against_the_office(
        make_app: AppFactory, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    app = mpp_app(make_app, tmp_path / "mpp")
    settings = load_settings(app.config)

    def run(username: str, agency: str | None) -> int:
        return create_user_command(settings, app.database_url, argparse.Namespace(
            username=username, password=PASSWORD, role="admin", name="", agency=agency,
            office=None))
    assert run("admin_dukcapil", A) == 0
    assert "of agency 'dukcapil'" in capsys.readouterr().out
    assert run("admin_lain", "bpjs") == 1
    assert "Instansi 'bpjs' tidak dikenal" in capsys.readouterr().err
    assert authenticate(app.office, "admin_dukcapil", PASSWORD).agency == A
