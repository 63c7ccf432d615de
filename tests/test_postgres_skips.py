"""PostgreSQL tests skip only where nobody asked for PostgreSQL, and are marked so `make check`
can leave them out."""

from __future__ import annotations

import pytest

from tests.support import databases
from tests.support.databases import fresh_postgres_database
from tests.support.live_server import free_port

UNREACHABLE = f"postgresql+psycopg://postgres@127.0.0.1:{free_port()}/test"


def test_an_unreachable_server_fails_when_the_url_is_set(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ANTREAN_TEST_POSTGRES_URL", UNREACHABLE)
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(BaseException) as raised:  # a skip must not escape as a skip here
        with fresh_postgres_database():
            pass
    assert isinstance(raised.value, pytest.fail.Exception), repr(raised.value)
    assert "ANTREAN_TEST_POSTGRES_URL" in str(raised.value)


def test_an_unreachable_server_skips_when_nobody_asked_for_postgresql(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ANTREAN_TEST_POSTGRES_URL", raising=False)
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception):
        with fresh_postgres_database(UNREACHABLE):
            pass


@pytest.mark.postgres
def test_a_test_not_marked_postgres_fails_when_it_reaches_the_server(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """`make check` leaves the tests marked postgres out; one that reached the server unmarked
    would make it depend on a running server."""
    monkeypatch.setattr(databases, "postgres_allowed", False)
    with pytest.raises(BaseException) as raised:
        with fresh_postgres_database():
            pass
    assert isinstance(raised.value, pytest.fail.Exception), repr(raised.value)
    assert "not marked postgres" in str(raised.value)
