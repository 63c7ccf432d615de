"""Bookings stay with their agency in a Mal Pelayanan Publik: a petugas or admin of one
agency neither checks in nor lists another agency's bookings (the citizen's name, phone and
NIK are that agency's to see). A paired kiosk and the office's own staff check in any."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from antrean.core.access import Role
from tests.support.app import AppFactory, AppUnderTest
from tests.support.booking import AKTA_BOOKING, book, desk_for, phone_number
from tests.support.mpp_office import A, B, add_person, mpp_app

TUESDAY = date(2026, 11, 24)
# A service of each agency that takes bookings (AKTA: Dukcapil, MUTASI: Samsat), and an
# agency that has no service yet.
BOOKED_SERVICES = f"""
[[agencies]]
code = "bpjs"
name = "BPJS Kesehatan"
short_name = "BPJS"

[[services]]
code = "AKTA"
name = "Akta Kelahiran"
prefix = "C"
agency = "{A}"
{AKTA_BOOKING}

[[services]]
code = "MUTASI"
name = "Mutasi Kendaraan"
prefix = "M"
agency = "{B}"
{AKTA_BOOKING}
"""
BOOKED = {A: "AKTA", B: "MUTASI"}
NAMES = {A: "Warga Dukcapil", B: "Warga Samsat"}


@pytest.fixture
def mpp(make_app: AppFactory, tmp_path: Path) -> AppUnderTest:
    office = mpp_app(make_app, tmp_path / "mpp", extra_tables=BOOKED_SERVICES)
    for username, role, agency in (("petugas_a", Role.PETUGAS, A), ("admin_a", Role.ADMIN, A),
                                   ("depan", Role.PETUGAS, None), ("kepala", Role.ADMIN, None)):
        add_person(office, username, role, agency)
    return office


def booking_codes(mpp: AppUnderTest) -> dict[str, str]:
    desk = desk_for(mpp.office)
    codes = {agency: book(desk, TUESDAY, "08:00", phone_number(n), service=service,
                          name=NAMES[agency])["code"]
             for n, (agency, service) in enumerate(BOOKED.items())}
    mpp.clock.set(datetime(2026, 11, 24, 7, 40, tzinfo=ZoneInfo("Asia/Makassar")))
    return codes


def refused(answer: object) -> bool:
    body = answer.get_json()  # type: ignore[attr-defined]
    return answer.status_code == 403 and body["error"] == "outside_scope"  # type: ignore[attr-defined]


def test_agency_staff_check_in_only_their_own_agencys_bookings(mpp: AppUnderTest) -> None:
    codes, api = booking_codes(mpp), mpp.client()
    for person in ("petugas_a", "admin_a"):
        answer = api.post(f"/api/v1/bookings/{codes[B]}/check-in", headers=mpp.bearer(person))
        assert refused(answer), answer.text
        assert "MUTASI" not in answer.text and NAMES[B] not in answer.text
    own = api.post(f"/api/v1/bookings/{codes[A]}/check-in", headers=mpp.bearer("petugas_a"))
    assert own.status_code == 201, own.text
    assert own.get_json()["ticket"]["number"] == "C-001"
    # The refused check-in left the other agency's booking as it was: its own staff (here
    # the front desk, office-wide) still check it in.
    other = api.post(f"/api/v1/bookings/{codes[B]}/check-in", headers=mpp.bearer("depan"))
    assert other.status_code == 201, other.text


def test_a_paired_kiosk_checks_in_every_agencys_booking(mpp: AppUnderTest) -> None:
    codes, kiosk = booking_codes(mpp), mpp.paired("kiosk")
    for agency in (A, B):
        assert kiosk.post(f"/api/v1/bookings/{codes[agency]}/check-in").status_code == 201


def test_agency_staff_list_only_their_own_agencys_arrivals(mpp: AppUnderTest) -> None:
    booking_codes(mpp)
    petugas_a = mpp.signed_in("petugas_a")
    arrivals = petugas_a.get("/api/v1/booking-arrivals").get_json()
    assert [g["service"] for g in arrivals["groups"]] == ["AKTA"]
    assert refused(petugas_a.get("/api/v1/booking-arrivals?service=MUTASI"))
    everyone = mpp.signed_in("depan").get("/api/v1/booking-arrivals").get_json()
    assert [g["service"] for g in everyone["groups"]] == ["AKTA", "MUTASI"]


def test_an_agency_without_services_sees_no_arrivals_rather_than_all(
        mpp: AppUnderTest) -> None:
    """A new agency with no service yet: its filter is empty, never 'no filter'."""
    booking_codes(mpp)
    add_person(mpp, "petugas_bpjs", Role.PETUGAS, "bpjs")
    arrivals = mpp.signed_in("petugas_bpjs").get("/api/v1/booking-arrivals").get_json()
    assert arrivals["groups"] == [] and arrivals["expected"] == 0


def test_an_agency_admin_lists_and_exports_only_its_own_agencys_bookings(
        mpp: AppUnderTest) -> None:
    booking_codes(mpp)
    admin_a = mpp.signed_in("admin_a")
    page = admin_a.get("/admin/booking?tanggal=2026-11-24")
    assert page.status_code == 200
    assert NAMES[A] in page.text and NAMES[B] not in page.text
    assert "Mutasi Kendaraan" not in page.text  # nor in the service filter
    for kind in ("csv", "xlsx"):
        export = admin_a.get(f"/admin/booking.{kind}?tanggal=2026-11-24")
        assert export.status_code == 200
        if kind == "csv":
            assert NAMES[A] in export.text and NAMES[B] not in export.text
    for path in ("/admin/booking", "/admin/booking.csv"):
        asked = admin_a.get(f"{path}?tanggal=2026-11-24&layanan=MUTASI")
        assert asked.status_code == 403 and NAMES[B] not in asked.text, path
    whole = mpp.signed_in("kepala").get("/admin/booking?tanggal=2026-11-24").text
    assert NAMES[A] in whole and NAMES[B] in whole
