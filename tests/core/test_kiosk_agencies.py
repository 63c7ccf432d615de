"""Which agencies a kiosk offers, and the numbers it may issue."""

import pytest

from antrean.core.errors import DomainError, ErrorKind
from antrean.core.kiosk_agencies import (
    parse_kiosk_agencies,
    refuse_other_agency,
    shown_agencies,
)

BUILDING = ("dukcapil", "samsat", "bpjs_kes", "pdam")


def test_a_kiosks_agencies_keep_the_buildings_order_and_all_means_none_chosen() -> None:
    assert parse_kiosk_agencies(["pdam", "dukcapil"], BUILDING) == ("dukcapil", "pdam")
    assert parse_kiosk_agencies(None, BUILDING) is None
    assert parse_kiosk_agencies([], BUILDING) is None
    assert parse_kiosk_agencies(list(reversed(BUILDING)), BUILDING) is None  # every one: all


@pytest.mark.parametrize("value", ["dukcapil", [1], {"dukcapil": True}, ["polres"]])
def test_a_bad_choice_is_refused_in_indonesian(value: object) -> None:
    with pytest.raises(DomainError) as raised:
        parse_kiosk_agencies(value, BUILDING)
    assert raised.value.kind is ErrorKind.INVALID and "nstansi" in raised.value.message


def test_a_kiosk_left_without_any_of_its_agencies_offers_them_all_again() -> None:
    assert shown_agencies(BUILDING, ("samsat",)) == ("samsat",)
    assert shown_agencies(BUILDING, None) == BUILDING
    assert shown_agencies(BUILDING, ("polres",)) == BUILDING  # removed since: not an empty kiosk


def test_a_kiosk_issues_only_its_agencies_numbers() -> None:
    refuse_other_agency("samsat", ("samsat",), "Pajak Kendaraan")
    with pytest.raises(DomainError) as raised:
        refuse_other_agency("dukcapil", ("samsat",), "KTP-el")
    assert raised.value.kind is ErrorKind.FORBIDDEN
    assert raised.value.message.startswith("Nomor KTP-el tidak dapat diambil di kios ini.")
