"""Two processes on one database: each read and each number starts from the set-up the
database holds, though the hot paths read its version inside their own statements (the
snapshot's stamp, the numbering upsert) rather than with a statement of its own."""

from __future__ import annotations

import json

import pytest

from antrean.core.errors import DomainError
from antrean.usecases.context import Office
from antrean.usecases.queue.issuing import issue_ticket
from antrean.usecases.screens.snapshot_cache import services_json, snapshot_json
from antrean.usecases.setup.editing import save_counter, save_service
from antrean.usecases.setup.quick_actions import pause_service, resume_service
from tests.conftest import OfficeFactory


def _service(office: Office, code: str) -> dict:  # type: ignore[type-arg]
    return next(s for s in json.loads(services_json(office)) if s["code"] == code)


def _refusal(office: Office, code: str) -> str:
    with pytest.raises(DomainError) as raised:
        issue_ticket(office, code)
    return raised.value.code


def test_each_read_and_number_of_a_process_follows_an_edit_made_by_another(
        make_office: OfficeFactory, database_url: str) -> None:
    editor, _, _ = make_office(database_url, live=True)
    other, _, _ = make_office(database_url, live=True)
    assert _service(other, "KTP")["quota_left"] == 500  # its cached snapshot and set-up
    assert issue_ticket(other, "KTP")["number"] == "A-001"

    # Each edit is first met by a number (the numbering statement reads the set-up's
    # version), then by a read (the stamp carries it).
    save_service(editor, "KTP", {"daily_quota": 2, "name": "KTP Elektronik"})
    assert issue_ticket(other, "KTP")["service_name"] == "KTP Elektronik"
    assert _refusal(other, "KTP") == "quota_full"
    save_service(editor, "KTP", {"daily_quota": 3, "name": "KTP-el Baru"})
    assert (_service(other, "KTP")["name"], _service(other, "KTP")["quota_left"]) == \
        ("KTP-el Baru", 1)

    pause_service(editor, "KK", "Server pusat gangguan")
    assert _refusal(other, "KK") == "service_paused"
    resume_service(editor, "KK")
    assert issue_ticket(other, "KK")["number"] == "B-001"
    pause_service(editor, "KK", "Server pusat gangguan")
    assert _service(other, "KK")["closed_label"] == "Tutup sementara: Server pusat gangguan"

    # A service this process has never heard of is looked up before it is refused.
    save_service(editor, None, {"code": "SKTM", "name": "Surat Keterangan Tidak Mampu",
                                "prefix": "E", "daily_quota": 20})
    assert issue_ticket(other, "SKTM")["number"] == "E-001"
    save_counter(editor, None, {"number": 7, "name": "Loket Tujuh", "services": ["SKTM"]})
    snapshot = json.loads(snapshot_json(other))
    assert "Loket Tujuh" in [counter["name"] for counter in snapshot["counters"]]


def test_a_transaction_that_defers_the_set_up_read_cannot_commit_without_it(
        make_office: OfficeFactory, sqlite_url: str) -> None:
    office, _, _ = make_office(sqlite_url, live=True)
    with pytest.raises(RuntimeError, match="setup_read_later"):
        with office.transaction(setup_read_later=True):
            pass
