"""Roles by scope (core.scope): an office-wide person sees everything; an agency's person
sees and changes only that agency."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from antrean.core.access import Principal, Role
from antrean.core.errors import DomainError, ErrorKind
from antrean.core.scope import (
    can_manage_service,
    can_manage_user,
    can_use_counter,
    complaint_agency,
    grantable_agencies,
    in_scope,
    may_transfer,
    require,
    scoped_agency,
    visible_agencies,
)

OFFICE_ADMIN = Principal(1, "kepala", Role.ADMIN)
DUKCAPIL_ADMIN = Principal(2, "admin_dukcapil", Role.ADMIN, agency="dukcapil")
DUKCAPIL_PETUGAS = Principal(3, "siti", Role.PETUGAS, agency="dukcapil")
OFFICE_PETUGAS = Principal(4, "budi", Role.PETUGAS)


@dataclass(frozen=True)
class Thing:
    code: str
    agency: str


KTP, PKB = Thing("KTP", "dukcapil"), Thing("PKB", "samsat")


def test_an_office_wide_person_reaches_every_agency() -> None:
    for principal in (OFFICE_ADMIN, OFFICE_PETUGAS):
        assert can_manage_service(principal, PKB) and can_use_counter(principal, KTP)
        assert in_scope(principal, [KTP, PKB]) == [KTP, PKB]
        assert visible_agencies(principal, ["dukcapil", "samsat"]) == ["dukcapil", "samsat"]


def test_an_agency_person_reaches_only_their_agency() -> None:
    for principal in (DUKCAPIL_ADMIN, DUKCAPIL_PETUGAS):
        assert can_manage_service(principal, KTP) and not can_manage_service(principal, PKB)
        assert can_use_counter(principal, KTP) and not can_use_counter(principal, PKB)
        assert in_scope(principal, [KTP, PKB]) == [KTP]
        assert visible_agencies(principal, ["dukcapil", "samsat"]) == ["dukcapil"]


def test_a_report_is_forced_to_the_agency_of_a_scoped_person() -> None:
    assert scoped_agency(OFFICE_ADMIN, None) is None
    assert scoped_agency(OFFICE_ADMIN, "samsat") == "samsat"
    assert scoped_agency(DUKCAPIL_ADMIN, None) == "dukcapil"
    assert scoped_agency(DUKCAPIL_ADMIN, "dukcapil") == "dukcapil"
    with pytest.raises(DomainError) as refused:
        scoped_agency(DUKCAPIL_ADMIN, "samsat")
    assert refused.value.kind is ErrorKind.FORBIDDEN and refused.value.code == "outside_scope"


def test_an_agency_admin_manages_only_the_petugas_of_its_agency() -> None:
    assert can_manage_user(DUKCAPIL_ADMIN, Role.PETUGAS, "dukcapil")
    assert not can_manage_user(DUKCAPIL_ADMIN, Role.PETUGAS, "samsat")
    assert not can_manage_user(DUKCAPIL_ADMIN, Role.PETUGAS, None)  # an office-wide petugas
    assert not can_manage_user(DUKCAPIL_ADMIN, Role.ADMIN, "dukcapil")
    assert not can_manage_user(DUKCAPIL_ADMIN, Role.ADMIN, None)
    assert can_manage_user(OFFICE_ADMIN, Role.ADMIN, "samsat")
    assert not can_manage_user(DUKCAPIL_PETUGAS, Role.PETUGAS, "dukcapil")
    assert grantable_agencies(DUKCAPIL_ADMIN, ["dukcapil", "samsat"]) == ["dukcapil"]
    assert grantable_agencies(OFFICE_ADMIN, ["dukcapil", "samsat"]) == [None, "dukcapil",
                                                                         "samsat"]


def test_a_ticket_leaves_its_agency_only_by_office_staff_or_when_the_office_allows() -> None:
    assert may_transfer("dukcapil", "dukcapil", "dukcapil", across_agencies_allowed=False)
    assert not may_transfer("dukcapil", "dukcapil", "samsat", across_agencies_allowed=False)
    assert may_transfer("dukcapil", "dukcapil", "samsat", across_agencies_allowed=True)
    assert may_transfer(None, "dukcapil", "samsat", across_agencies_allowed=False)


def test_a_refusal_is_a_forbidden_error_in_indonesian() -> None:
    require(True)
    with pytest.raises(DomainError) as refused:
        require(False)
    assert refused.value.kind is ErrorKind.FORBIDDEN
    assert "instansi" in refused.value.message


def test_a_complaint_is_about_an_agency_admins_own_agency_whatever_the_form_says() -> None:
    assert complaint_agency("dukcapil", "samsat") == "dukcapil"
    assert complaint_agency("dukcapil", None) == "dukcapil"
    assert complaint_agency("dukcapil", "") == "dukcapil"


def test_the_office_and_warga_choose_the_agency_or_leave_it_to_the_ticket_number() -> None:
    assert complaint_agency(None, "samsat") == "samsat"  # checked by the use case
    assert complaint_agency(None, "") is None  # from the ticket number, or the whole office
    assert complaint_agency(None, None) is None
