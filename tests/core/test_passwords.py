"""The product's password hashing cost, and hashes of any stored cost checking alike (the suite
hashes at a lower cost in-process: tests/support/cheap_setup.py)."""

from __future__ import annotations

import pytest

from antrean.core import passwords
from antrean.core.passwords import hash_password, verify_password
from tests.support.cheap_setup import PRODUCT_SCRYPT_N, TEST_SCRYPT_N


def test_the_product_hashes_with_scrypt_at_n_16384_r_8_p_1(monkeypatch: pytest.MonkeyPatch
                                                           ) -> None:
    assert PRODUCT_SCRYPT_N == 2**14
    monkeypatch.setattr(passwords, "_N", PRODUCT_SCRYPT_N)
    stored = hash_password("rahasia-123")
    assert stored.split("$")[:4] == ["scrypt", "16384", "8", "1"]
    assert verify_password("rahasia-123", stored)
    assert not verify_password("rahasia-124", stored)


def test_a_hash_is_checked_at_the_cost_it_was_stored_with() -> None:
    cheap = hash_password("rahasia-123")
    assert cheap.split("$")[1] == str(TEST_SCRYPT_N)
    assert verify_password("rahasia-123", cheap)
    assert not verify_password("rahasia-123", cheap.replace(f"${TEST_SCRYPT_N}$", "$16384$"))
