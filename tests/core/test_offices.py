"""Offices of a deployment as rules: their codes and paths, their [[offices]] tables, the
settings each starts from, and the Socket.IO rooms that keep their calls apart."""

from __future__ import annotations

import tomllib
from dataclasses import replace

import pytest

from antrean.config import ConfigError, deployment_office, office_settings, parse_settings
from antrean.core.offices import (
    ROOT_OFFICE_CODE,
    is_office_code,
    office_schema,
    session_cookie_name,
    split_office_path,
)
from antrean.realtime.socket import Rooms, office_rooms
from tests.support.deployment import OFFICES

ROOT = """
[office]
name = "Kecamatan Induk"
timezone = "Asia/Makassar"
running_text = "Selamat datang di Kecamatan Induk"

[printer]
kind = "network"
host = "10.0.0.5"

[complaints]
whatsapp = "0811-1"

[[services]]
code = "KTP"
name = "KTP-el"
prefix = "A"

[[counters]]
number = 1
name = "Loket 1"
services = ["KTP"]
"""


def test_office_paths() -> None:
    assert split_office_path("/kantor/astambul/api/v1/queue") == ("astambul", "/api/v1/queue")
    assert split_office_path("/kantor/astambul") == ("astambul", "")
    assert split_office_path("/kantor/astambul/") == ("astambul", "/")
    for path in ("/kantor", "/kantor/", "/kantor/Astambul/", "/kantor/induk/", "/kantorx/a/",
                 "/admin/kantor", "/kantor/../etc", "/kantor/a/"):
        assert split_office_path(path) is None, path


def test_office_codes() -> None:
    assert all(is_office_code(c) for c in ("astambul", "sungai-tabuk", "k1", "0a"))
    assert not any(is_office_code(c) for c in (
        "", "a", "-a", "Astambul", "sungai tabuk", "a_b", "x" * 33, ROOT_OFFICE_CODE, None, 7))
    assert office_schema("sungai-tabuk") == "kantor_sungai_tabuk"
    assert session_cookie_name("gambut") != "session"


def test_offices_in_the_config() -> None:
    settings = parse_settings(tomllib.loads(ROOT + OFFICES))
    assert settings.deployment.name == "Pemerintah Kabupaten Uji"
    assert [(o.code, o.timezone) for o in settings.deployment.offices] == [
        ("astambul", "Asia/Makassar"), ("gambut", "Asia/Jayapura")]
    single = parse_settings(tomllib.loads(ROOT))
    assert single.deployment.offices == ()


@pytest.mark.parametrize(("table", "message"), [
    ({"name": "A", "timezone": "Asia/Jakarta"}, "offices.code"),
    ({"code": "Besar", "name": "A", "timezone": "Asia/Jakarta"}, "huruf kecil"),
    ({"code": "induk", "name": "A", "timezone": "Asia/Jakarta"}, "kantor induk"),
    ({"code": "a1", "timezone": "Asia/Jakarta"}, "office.name"),
    ({"code": "a1", "name": "A", "timezone": "Eropa/Mana"}, "zona waktu"),
    ({"code": "a1", "name": "A", "timezone": "Asia/Jakarta", "warna": "merah"}, "warna"),
    ({"code": "a1", "name": "A", "timezone": "Asia/Jakarta", "printer": {"kind": "laser"}},
     "printer"),
])
def test_a_wrong_office_table_is_refused_in_indonesian(table: dict[str, object],
                                                       message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        deployment_office(table, "offices")


def test_an_office_starts_from_the_roots_services_with_its_own_details() -> None:
    root = parse_settings(tomllib.loads(ROOT + OFFICES))
    office = office_settings(root, root.deployment.offices[1])
    assert (office.office.name, office.office.timezone) == ("Kecamatan Gambut", "Asia/Jayapura")
    assert office.services == root.services and office.counters == root.counters
    # What names the root office, or is the root's own device, is not carried over.
    assert office.office.running_text == "" and office.complaints.whatsapp == ""
    assert office.printer.kind == "none"
    assert office.deployment.offices == ()
    with_printer = deployment_office({"code": "p1", "name": "P", "timezone": "Asia/Jakarta",
                                      "printer": {"kind": "network", "host": "10.1.1.9"}},
                                     "offices")
    assert office_settings(root, with_printer).printer.host == "10.1.1.9"
    assert office.server.public_url == ""  # none configured: each kiosk's own address
    served = replace(root, server=replace(root.server, public_url="https://antrean.test/"))
    assert office_settings(served, with_printer).server.public_url == \
        "https://antrean.test/kantor/p1"


def test_rooms_keep_offices_apart() -> None:
    single = Rooms()
    assert (single.office(), single.zone("a"), single.ticket("x")) == ("office", "zone:a",
                                                                      "ticket:x")
    astambul, gambut = office_rooms("astambul"), office_rooms("gambut")
    names = {getattr(r, m)(*a) for r in (astambul, gambut, office_rooms(None))
             for m, a in (("office", ()), ("screens", ()), ("zone", ("a",)), ("device", (1,)),
                          ("ticket", ("x",)), ("service", ("KTP",)))}
    assert len(names) == 18  # no room shared by two offices
    assert astambul.zone_of(astambul.zone("utara")) == "utara"
    assert astambul.zone_of(gambut.zone("utara")) is None
    assert office_rooms(None).office_code == ROOT_OFFICE_CODE
