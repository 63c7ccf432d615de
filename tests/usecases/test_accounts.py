"""Accounts an admin manages: list and deactivate."""

from __future__ import annotations

import pytest

from antrean.core.errors import DomainError
from antrean.usecases.access.accounts import authenticate, create_user, deactivate_user, list_users
from tests.conftest import OfficeFactory


def test_a_deactivated_user_is_listed_as_inactive_and_cannot_deactivate_itself(
        make_office: OfficeFactory, sqlite_url: str) -> None:
    office, _, _ = make_office(sqlite_url)
    admin = create_user(office, "kepala", "rahasia-123", "admin")
    siti = create_user(office, "siti", "rahasia-123", "petugas", "Siti Aminah")
    with pytest.raises(DomainError) as caught:
        deactivate_user(office, admin.user_id, admin.user_id)
    assert caught.value.code == "cannot_deactivate_self"
    deactivate_user(office, siti.user_id, admin.user_id)
    listed = {user.username: user for user in list_users(office)}
    assert listed["siti"].active is False and listed["siti"].display_name == "Siti Aminah"
    assert listed["kepala"].active is True and listed["kepala"].role_label == "Admin"
    with pytest.raises(DomainError):
        authenticate(office, "siti", "rahasia-123")
