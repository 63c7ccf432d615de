"""Complaints: anonymous filing, tracking by code, the admin's replies, flood limit."""

import pytest

from antrean.core.complaints import ComplaintStatus, parse_complaint
from antrean.core.errors import DomainError
from antrean.usecases.feedback import complaints
from tests.conftest import OfficeFactory


def test_a_complaint_is_tracked_by_code_without_revealing_the_sender(
        make_office: OfficeFactory, database_url: str) -> None:
    office, clock, _ = make_office(database_url)
    form = parse_complaint("biaya", "Saya dimintai uang Rp50.000 untuk KTP.", "Budi",
                           "0812 3456 7890", "A-014")
    code = complaints.file_complaint(office, form, "client-a")
    seen = complaints.track_complaint(office, code.lower())
    assert seen.status_label == "Baru" and seen.replies == []
    assert not hasattr(seen, "name") and not hasattr(seen, "contact")
    assert seen.ticket_number == "A-014"
    clock.advance(hours=3)
    complaints.reply_to_complaint(office, code, "Petugas yang bersangkutan sudah diperiksa.",
                                  ComplaintStatus.DONE, None)
    seen = complaints.track_complaint(office, code)
    assert seen.status == "selesai"
    assert [r.body for r in seen.replies or []] == ["Petugas yang bersangkutan sudah diperiksa."]
    assert complaints.complaint_detail(office, code).name == "Budi"


def test_an_unknown_code_is_not_found(make_office: OfficeFactory, sqlite_url: str) -> None:
    office, _, _ = make_office(sqlite_url)
    for code in ("PGD-2345-6789", "bukan kode"):
        with pytest.raises(DomainError) as error:
            complaints.track_complaint(office, code)
        assert error.value.code == "complaint_not_found"


def test_one_address_may_file_five_an_hour(make_office: OfficeFactory, sqlite_url: str) -> None:
    office, clock, _ = make_office(sqlite_url)
    form = parse_complaint("lainnya", "Pendingin ruangan mati sejak pagi.")
    for _ in range(5):
        complaints.file_complaint(office, form, "client-a")
    with pytest.raises(DomainError) as error:
        complaints.file_complaint(office, form, "client-a")
    assert error.value.code == "too_many_complaints"
    complaints.file_complaint(office, form, "client-b")  # someone else is not held up
    clock.advance(minutes=61)
    complaints.file_complaint(office, form, "client-a")


def test_the_admin_list_counts_by_status(make_office: OfficeFactory, sqlite_url: str) -> None:
    office, clock, _ = make_office(sqlite_url)
    codes = []
    for i in range(3):
        clock.advance(minutes=1)
        codes.append(complaints.file_complaint(
            office, parse_complaint("sarana", f"Toilet nomor {i + 1} rusak."), f"c{i}"))
    complaints.reply_to_complaint(office, codes[0], "Sedang diperbaiki.",
                                  ComplaintStatus.IN_PROGRESS, None)
    listing = complaints.list_complaints(office)
    assert listing.counts == {"baru": 2, "diproses": 1, "selesai": 0}
    assert [c.code for c in listing.complaints] == codes[::-1]
    only_new = complaints.list_complaints(office, "baru").complaints
    assert {c.code for c in only_new} == set(codes[1:])
