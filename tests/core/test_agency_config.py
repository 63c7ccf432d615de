"""Agencies (instansi) and lobby zones in config.toml: a Mal Pelayanan Publik's building."""

from typing import Any

import pytest

from antrean.config import IMPLICIT_AGENCY, ConfigError, parse_settings

OFFICE = {"name": "MPP Kabupaten Banjar", "timezone": "Asia/Makassar"}
AGENCIES = [
    {"code": "dukcapil", "name": "Dinas Kependudukan dan Pencatatan Sipil",
     "short_name": "Disdukcapil", "logo": "dukcapil.png"},
    {"code": "samsat", "name": "Samsat Martapura"},
]
SERVICES = [
    {"code": "KTP", "name": "KTP-el", "prefix": "A", "agency": "dukcapil"},
    {"code": "KK", "name": "Kartu Keluarga", "prefix": "B", "agency": "dukcapil"},
    {"code": "PKB", "name": "Pajak Kendaraan", "prefix": "S", "agency": "samsat"},
]
COUNTERS = [
    {"number": 1, "services": ["KTP", "KK"]},
    {"number": 2, "services": ["KK"]},
    {"number": 7, "services": ["PKB"], "name": "Gerai Samsat"},
]


def _mpp(**changes: Any) -> dict[str, Any]:
    raw: dict[str, Any] = {"office": OFFICE, "agencies": AGENCIES, "services": SERVICES,
                           "counters": COUNTERS}
    raw.update(changes)
    return raw


def test_a_single_office_has_one_implicit_agency_named_after_it() -> None:
    settings = parse_settings({
        "office": {"name": "Kecamatan Martapura", "timezone": "Asia/Makassar"},
        "services": [{"code": "KTP", "name": "KTP-el", "prefix": "A"}],
        "counters": [{"number": 1, "services": ["KTP"]}],
    })
    assert [a.code for a in settings.agencies] == [IMPLICIT_AGENCY]
    assert settings.agencies[0].short_name == "Kecamatan Martapura"
    assert not settings.has_agencies
    assert settings.services[0].agency == IMPLICIT_AGENCY
    assert settings.counters[0].agency == IMPLICIT_AGENCY
    assert settings.zones == ()


def test_an_mpp_names_its_agencies_and_each_counter_takes_its_services_agency() -> None:
    settings = parse_settings(_mpp())
    assert settings.has_agencies
    assert [a.short_name for a in settings.agencies] == ["Disdukcapil", "Samsat Martapura"]
    assert [s.code for s in settings.services_of("dukcapil")] == ["KTP", "KK"]
    assert [c.number for c in settings.counters_of("samsat")] == [7]
    assert settings.counter(2) is not None and settings.counter(2).agency == "dukcapil"


def test_zones_gather_counters_listed_and_those_of_agencies_listed() -> None:
    settings = parse_settings(_mpp(zones=[
        {"code": "lantai1", "name": "Lantai 1", "agencies": ["dukcapil"], "counters": [7]},
        {"code": "samsat", "name": "Ruang Samsat", "agencies": ["samsat"],
         "running_text": "Bayar pajak tepat waktu"},
    ]))
    first = settings.zone("lantai1")
    assert first is not None and first.counters == frozenset({1, 2, 7})
    second = settings.zone("samsat")
    assert second is not None and second.counters == frozenset({7})
    assert second.running_text == "Bayar pajak tepat waktu"


@pytest.mark.parametrize(("raw", "key"), [
    # Numbers are unique within the building, across agencies.
    (_mpp(services=[*SERVICES[:2], {**SERVICES[2], "prefix": "A"}]), "services.prefix"),
    (_mpp(agencies=[*AGENCIES, {"code": "dukcapil", "name": "Lagi"}]), "agencies.code"),
    (_mpp(agencies=[{"code": "a b", "name": "X"}]), "agencies[0].code"),
    (_mpp(agencies=[{**AGENCIES[0], "logo": "../../etc/passwd"}]), "agencies[0].logo"),
    (_mpp(agencies=[{"code": "x"}]), "agencies[0].name"),
    (_mpp(services=[{**SERVICES[0], "agency": "bpjs"}, *SERVICES[1:]]), "services[0].agency"),
    (_mpp(services=[{k: v for k, v in SERVICES[0].items() if k != "agency"}, *SERVICES[1:]]),
     "services[0].agency"),
    (_mpp(counters=[{"number": 1, "services": ["KTP", "PKB"]}]), "counters[0].services"),
    (_mpp(counters=[{"number": 1, "services": ["KTP"], "agency": "samsat"}]),
     "counters[0].agency"),
    (_mpp(zones=[{"code": "z", "name": "Z", "counters": [99]}]), "zones[0].counters"),
    (_mpp(zones=[{"code": "z", "name": "Z", "agencies": ["bpjs"]}]), "zones[0].agencies"),
    (_mpp(zones=[{"code": "z", "name": "Z"}]), "zones[0]"),
    (_mpp(zones=[{"code": "z", "name": "Z", "counters": ["1"]}]), "zones[0].counters"),
])
def test_a_wrong_building_names_the_key(raw: dict[str, Any], key: str) -> None:
    with pytest.raises(ConfigError) as error:
        parse_settings(raw)
    assert error.value.key == key


def test_an_agency_named_without_agencies_table_is_refused() -> None:
    raw = _mpp()
    del raw["agencies"]
    with pytest.raises(ConfigError, match="agencies"):
        parse_settings(raw)


def test_with_one_agency_services_may_leave_it_out() -> None:
    settings = parse_settings({
        "office": OFFICE, "agencies": AGENCIES[:1],
        "services": [{"code": "KTP", "name": "KTP-el", "prefix": "A"}],
        "counters": [{"number": 1, "services": ["KTP"]}],
    })
    assert settings.services[0].agency == "dukcapil"
    assert settings.has_agencies
