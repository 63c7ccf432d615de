"""A Mal Pelayanan Publik with two agencies, and a person of each role and scope in it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from antrean.core.access import Role
from antrean.usecases.access.accounts import create_user
from tests.support.app import AppFactory, AppUnderTest
from tests.support.live_server import PASSWORD

MPP_CONFIG = """
[office]
name = "MPP Kabupaten Uji"
timezone = "Asia/Makassar"
announcement_repeat = 1
counter_word = "gerai"
{office_extra}

[server]
async_mode = "threading"
secret_key_file = "{secret_key_file}"
ticket_rate_limit_per_minute = 10000
failed_logins_per_minute = 10000

[[agencies]]
code = "dukcapil"
name = "Dinas Kependudukan dan Pencatatan Sipil"
short_name = "Disdukcapil"

[[agencies]]
code = "samsat"
name = "Samsat Kabupaten Uji"
short_name = "Samsat"

[[services]]
code = "KTP"
name = "KTP-el"
prefix = "A"
agency = "dukcapil"

[[services]]
code = "KK"
name = "Kartu Keluarga"
prefix = "B"
agency = "dukcapil"

[[services]]
code = "PKB"
name = "Pajak Kendaraan"
prefix = "S"
agency = "samsat"

[[services]]
code = "BBN"
name = "Balik Nama Kendaraan"
prefix = "T"
agency = "samsat"

[[counters]]
number = 1
name = "Gerai Dukcapil 1"
services = ["KTP", "KK"]

[[counters]]
number = 2
name = "Gerai Dukcapil 2"
services = ["KK"]

[[counters]]
number = 7
name = "Gerai Samsat"
services = ["PKB", "BBN"]
"""

# Agency A and B of the tests, with a counter and a service of each.
A, B = "dukcapil", "samsat"
COUNTER = {A: 1, B: 7}
SERVICE = {A: "KTP", B: "PKB"}
OTHER_SERVICE = {A: "KK", B: "BBN"}


def mpp_app(make_app: AppFactory, directory: Path, database_url: str | None = None,
            office_extra: str = "", extra_tables: str = "") -> AppUnderTest:
    """`office_extra` adds lines to [office]; `extra_tables` appends whole tables."""
    directory.mkdir(exist_ok=True)
    (directory / "config.toml").write_text(MPP_CONFIG.format(
        secret_key_file=directory / "secret_key", office_extra=office_extra) + extra_tables,
        encoding="utf-8")
    return make_app(config_dir=directory, database_url=database_url)


@dataclass(frozen=True)
class Person:
    username: str
    role: Role
    agency: str | None
    user_id: int


def add_person(app: AppUnderTest, username: str, role: Role, agency: str | None) -> Person:
    principal = create_user(app.office, username, PASSWORD, str(role), agency=agency)
    assert principal.user_id is not None
    return Person(username, role, agency, principal.user_id)
