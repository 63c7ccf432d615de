"""Two people racing with the same one-time code: the set-up code or a pairing link is spent
once, on SQLite and on the real PostgreSQL server."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from antrean.core.errors import DomainError
from antrean.usecases.access.accounts import list_users
from antrean.usecases.access.devices import list_devices
from antrean.usecases.access.first_admin import create_first_admin, issue_setup_code
from antrean.usecases.access.pairing_links import create_pairing_link, pair_with_code
from tests.conftest import OfficeFactory
from tests.support.live_server import PASSWORD

THREADS = 6


def outcomes(attempts: list[object]) -> list[str]:
    return sorted("ok" if not isinstance(a, DomainError) else a.code for a in attempts)


def attempt(action: Callable[[], object]) -> object:
    try:
        return action()
    except DomainError as error:
        return error


def test_the_set_up_code_makes_one_admin_however_many_race_for_it(
        make_office: OfficeFactory, database_url: str) -> None:
    office, _, _ = make_office(database_url)
    code = issue_setup_code(office)
    assert code is not None
    with ThreadPoolExecutor(THREADS) as pool:
        results = list(pool.map(lambda n: attempt(lambda: create_first_admin(
            office, code, f"admin{n}", PASSWORD)), range(THREADS)))
    assert outcomes(results).count("ok") == 1
    assert len(list_users(office)) == 1


def test_a_pairing_link_pairs_one_device_however_many_race_for_it(
        make_office: OfficeFactory, database_url: str) -> None:
    office, _, _ = make_office(database_url)
    _, code = create_pairing_link(office, "kiosk")
    with ThreadPoolExecutor(THREADS) as pool:
        results = list(pool.map(lambda _: attempt(lambda: pair_with_code(office, code)),
                                range(THREADS)))
    assert outcomes(results) == ["invalid_pairing_link"] * (THREADS - 1) + ["ok"]
    assert len(list_devices(office)) == 1
