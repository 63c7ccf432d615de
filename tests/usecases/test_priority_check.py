"""A self-declared priority is checked by a person: confirmed, or removed with a reason."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from antrean.core.errors import DomainError
from antrean.core.ticket import Priority
from antrean.db.audit_models import AuditEntry
from antrean.usecases.access.accounts import create_user
from antrean.usecases.queue import calling, serving
from antrean.usecases.queue.issuing import issue_ticket
from antrean.usecases.reports.reports import stats
from antrean.usecases.screens.queue_snapshot import lookup_ticket
from tests.conftest import OfficeFactory

GREETER = """
[priority]
greeter_confirms = true
"""


def test_a_removed_priority_queues_as_regular_in_its_place_by_issue_time(
        make_office: OfficeFactory, sqlite_url: str) -> None:
    office, clock, _ = make_office(sqlite_url)
    petugas = create_user(office, "siti", "rahasia123", "petugas").user_id
    early = issue_ticket(office, "KTP")
    clock.advance(minutes=5)
    claimed = issue_ticket(office, "KTP", Priority.LANSIA)
    clock.advance(minutes=5)
    late = issue_ticket(office, "KTP")
    assert calling.call_next(office, 1, petugas)["id"] == claimed["id"]
    with pytest.raises(DomainError) as no_reason:
        serving.remove_priority(office, claimed["id"], "  ", petugas)
    assert no_reason.value.code == "reason_required"
    removed = serving.remove_priority(office, claimed["id"], "Belum berusia 60 tahun", petugas)
    assert (removed["status"], removed["priority_label"], removed["priority_check"]) == \
        ("waiting", None, "removed")
    # Behind the earlier regular ticket, ahead of the later one: its issue time decides.
    assert removed["ahead"] == 1
    assert lookup_ticket(office, late["id"])["ahead"] == 2
    assert calling.call_next(office, 1, petugas)["id"] == early["id"]
    with office.sessions() as session:
        entry = session.scalars(select(AuditEntry).where(
            AuditEntry.action == "priority_removed")).one()
    assert (entry.user_id, entry.target) == (petugas, "A-002")
    assert "Belum berusia 60 tahun" in entry.detail and "Lanjut usia" in entry.detail
    with pytest.raises(DomainError) as again:
        serving.confirm_priority(office, claimed["id"], petugas)
    assert again.value.code == "not_priority"


def test_the_calling_petugas_confirms_a_priority_and_reports_show_both(
        make_office: OfficeFactory, sqlite_url: str) -> None:
    office, clock, _ = make_office(sqlite_url)
    petugas = create_user(office, "siti", "rahasia123", "petugas").user_id
    kept = issue_ticket(office, "KTP", Priority.IBU_HAMIL)
    dropped = issue_ticket(office, "KTP", Priority.LANSIA)
    issue_ticket(office, "KTP")
    calling.call_next(office, 1, petugas)
    confirmed = serving.confirm_priority(office, kept["id"], petugas)
    assert confirmed["priority_check_label"] == "Dikonfirmasi petugas"
    with pytest.raises(DomainError) as twice:
        serving.remove_priority(office, kept["id"], "Salah pilih", petugas)
    assert twice.value.code == "priority_decided"
    serving.remove_priority(office, dropped["id"], "Tidak membawa bukti", petugas)
    with pytest.raises(DomainError) as regular:
        serving.confirm_priority(office, issue_ticket(office, "KK")["id"], petugas)
    assert regular.value.code == "not_priority"
    day = office.clock.local_day(office.now())
    report = stats(office, day, day)
    assert (report["overall"]["priority_confirmed"], report["overall"]["priority_removed"]) \
        == (1, 1)
    by_category = {row["priority"]: row for row in report["priorities"]}
    assert by_category["ibu_hamil"]["priority_confirmed"] == 1
    assert by_category["lansia"]["priority_removed"] == 1  # counted under what was claimed


def test_with_a_greeter_a_kiosk_priority_waits_as_regular_until_confirmed(
        make_office: OfficeFactory, sqlite_url: str) -> None:
    office, clock, _ = make_office(sqlite_url, extra_tables=GREETER)
    greeter = create_user(office, "satpam", "rahasia123", "petugas").user_id
    regular = issue_ticket(office, "KTP")
    clock.advance(minutes=1)
    claimed = issue_ticket(office, "KTP", Priority.DISABILITAS, channel="kiosk")
    assert (claimed["priority_check"], claimed["ahead"]) == ("pending", 1)
    assert claimed["priority_check_label"] == "Menunggu konfirmasi petugas"
    serving.confirm_priority(office, claimed["id"], greeter)
    assert lookup_ticket(office, claimed["id"])["ahead"] == 0
    assert lookup_ticket(office, regular["id"])["ahead"] == 1
    # Staff issuing a priority (the greeter at the desk) confirm it as they issue.
    at_desk = issue_ticket(office, "KTP", Priority.LANSIA, channel="counter",
                           issued_by_staff=greeter)
    assert at_desk["priority_check"] == "confirmed"


def test_the_office_chooses_whether_priority_counts_against_the_quota(
        make_office: OfficeFactory, sqlite_url: str) -> None:
    counted, _, _ = make_office(sqlite_url, quota=1)
    issue_ticket(counted, "KTP")
    with pytest.raises(DomainError) as full:
        issue_ticket(counted, "KTP", Priority.LANSIA)
    assert full.value.code == "quota_full"


def test_priority_tickets_outside_the_quota_when_the_office_says_so(
        make_office: OfficeFactory, sqlite_url: str) -> None:
    office, _, _ = make_office(sqlite_url, quota=1,
                               extra_tables="[priority]\ncounts_against_quota = false\n")
    issue_ticket(office, "KTP", Priority.LANSIA)
    issue_ticket(office, "KTP")  # the priority ticket took no place of the one
    issue_ticket(office, "KTP", Priority.ANAK)
    with pytest.raises(DomainError) as full:
        issue_ticket(office, "KTP")
    assert full.value.code == "quota_full"
