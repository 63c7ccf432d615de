"""Admin actions and out-of-order calls land in the audit log, with who and why."""

from __future__ import annotations

import pytest

from antrean.core.errors import DomainError, ErrorKind
from antrean.usecases.access import audit, devices
from antrean.usecases.access.accounts import create_user, deactivate_user
from antrean.usecases.events import EventKind
from antrean.usecases.queue import calling
from antrean.usecases.queue.issuing import issue_ticket
from antrean.usecases.screens import running_text
from antrean.usecases.screens.queue_snapshot import lookup_ticket
from tests.conftest import OfficeFactory


def test_a_waiting_ticket_is_called_out_of_order_with_its_reason_logged(
        make_office: OfficeFactory, database_url: str) -> None:
    office, clock, publisher = make_office(database_url)
    siti = create_user(office, "siti", "rahasia-123", "petugas")
    first = issue_ticket(office, "KTP")
    clock.advance(minutes=1)
    second = issue_ticket(office, "KTP")
    called = calling.call_ticket(office, 1, second["id"], "Lansia salah antre di loket lain",
                                 siti.user_id)
    assert called["id"] == second["id"] and called["status"] == "called"
    assert lookup_ticket(office, first["id"])["status"] == "waiting"
    assert [e.kind for e in publisher.events][-2:] == [EventKind.CALLED, EventKind.UPDATE]
    entry = audit.recent_entries(office)[0]
    assert entry["action"] == "called_out_of_order" and entry["user"] == "siti"
    assert entry["target"] == "ticket:A-002"
    assert entry["detail"] == "Lansia salah antre di loket lain"


@pytest.mark.parametrize(("counter", "reason", "code"), [
    (1, "", "missing_reason"),
    (3, "alasan", "wrong_counter"),  # counter 3 serves AKTA only
])
def test_an_out_of_order_call_needs_a_reason_and_the_right_counter(
        make_office: OfficeFactory, sqlite_url: str, counter: int, reason: str,
        code: str) -> None:
    office, _, _ = make_office(sqlite_url)
    ticket = issue_ticket(office, "KTP")
    with pytest.raises(DomainError) as raised:
        calling.call_ticket(office, counter, ticket["id"], reason, None)
    assert raised.value.code == code
    assert lookup_ticket(office, ticket["id"])["status"] == "waiting"
    assert audit.recent_entries(office) == []


def test_a_called_ticket_cannot_be_called_out_of_order_again(
        make_office: OfficeFactory, sqlite_url: str) -> None:
    office, _, _ = make_office(sqlite_url)
    ticket = issue_ticket(office, "KTP")
    calling.call_next(office, 1, None)
    with pytest.raises(DomainError) as raised:
        calling.call_ticket(office, 2, ticket["id"], "alasan", None)
    assert raised.value.kind is ErrorKind.CONFLICT


def test_admin_actions_are_audited(make_office: OfficeFactory, database_url: str) -> None:
    office, _, _ = make_office(database_url)
    kepala = create_user(office, "kepala", "rahasia-123", "admin")
    budi = create_user(office, "budi", "rahasia-123", "petugas", actor_id=kepala.user_id)
    assert budi.user_id is not None
    deactivate_user(office, budi.user_id, kepala.user_id)
    running_text.set_running_text(office, "Selamat datang", kepala.user_id)
    tv, _ = devices.create_device(office, "TV Lobi", "display", kepala.user_id)
    devices.revoke_device(office, tv["id"], kepala.user_id)
    entries = list(reversed(audit.recent_entries(office)))
    assert [e["action"] for e in entries] == [
        "user_created", "user_created", "user_deactivated", "running_text_changed",
        "device_created", "device_revoked"]
    assert entries[0]["user"] is None  # created by run.py create-user
    assert {e["user"] for e in entries[1:]} == {"kepala"}
    assert entries[4]["detail"] == "display TV Lobi"
