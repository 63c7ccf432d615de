"""A wrong username costs the same work as a wrong password, so timing tells no names apart.

The real verifier is wrapped to record what it was asked to check (it still checks); the
timing itself is measured by bench/login_timing.py, not asserted here.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from antrean.core.errors import DomainError
from antrean.core.passwords import verify_password
from antrean.db.models import User
from antrean.usecases.access import accounts
from antrean.usecases.access.accounts import authenticate, create_user, deactivate_user
from tests.conftest import OfficeFactory


def cost(stored: str) -> list[str]:
    """The scrypt scheme and parameters of a stored hash (not its salt or digest)."""
    return stored.split("$")[:4]


@pytest.fixture
def checked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The stored hashes authenticate() verified against, in order."""
    seen: list[str] = []
    real: Callable[[str, str], bool] = verify_password

    def recording(password: str, stored: str) -> bool:
        seen.append(stored)
        return real(password, stored)
    monkeypatch.setattr(accounts, "verify_password", recording)
    return seen


def test_an_unknown_or_inactive_user_is_verified_against_a_hash_of_the_same_cost(
        make_office: OfficeFactory, sqlite_url: str, checked: list[str]) -> None:
    office, _, _ = make_office(sqlite_url)
    admin = create_user(office, "kepala", "rahasia-123", "admin")
    siti = create_user(office, "siti", "rahasia-123", "petugas")
    with office.transaction() as session:
        real_hash = session.get(User, siti.user_id).password_hash  # type: ignore[union-attr]
    for username in ("siti", "tidak-ada", "bekas"):
        if username == "bekas":
            gone = create_user(office, "bekas", "rahasia-123", "petugas")
            deactivate_user(office, gone.user_id, admin.user_id)
        checked.clear()
        with pytest.raises(DomainError) as caught:
            authenticate(office, username, "salah-sekali")
        assert caught.value.code == "invalid_credentials"
        assert len(checked) == 1, username
        assert cost(checked[0]) == cost(real_hash), username
    assert checked[0] != real_hash  # the inactive user's own hash was not the one checked


def test_an_unknown_user_with_an_empty_password_is_still_verified(
        make_office: OfficeFactory, sqlite_url: str, checked: list[str]) -> None:
    office, _, _ = make_office(sqlite_url)
    with pytest.raises(DomainError):
        authenticate(office, "tidak-ada", "")
    assert len(checked) == 1
