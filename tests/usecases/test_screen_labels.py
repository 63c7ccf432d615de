"""Words the screens show that the server decides: the kiosk's waiting line with the quota
left, "N orang" ahead (and "N orang lagi" when the turn is near), the line under each loket
on the TV and the loket of each recent call."""

from __future__ import annotations

from antrean.usecases.queue import calling, counters, serving
from antrean.usecases.queue.issuing import issue_ticket
from antrean.usecases.queue.service_status import waiting_label
from antrean.usecases.queue.ticket_view import ahead_label, ahead_note
from antrean.usecases.screens.queue_snapshot import lookup_ticket, queue_snapshot
from tests.conftest import OfficeFactory


def test_the_kiosk_line_says_who_waits_and_the_quota_only_once_it_runs_low() -> None:
    assert waiting_label(0, None) == "Tidak ada antrean"
    assert waiting_label(3, None) == "3 orang menunggu"
    assert waiting_label(3, 11) == "3 orang menunggu"
    assert waiting_label(3, 10) == "3 orang menunggu · sisa kuota 10"
    assert waiting_label(0, 0) == "Tidak ada antrean · sisa kuota 0"


def test_people_ahead_read_as_a_count_of_people_or_none() -> None:
    assert [ahead_label(n) for n in (0, 1, 12)] == ["Tidak ada", "1 orang", "12 orang"]
    assert [ahead_note(n) for n in (0, 3)] == ["Anda berikutnya", "3 orang lagi"]


def test_screens_receive_the_labels_in_the_snapshot_and_the_ticket(
        make_office: OfficeFactory, sqlite_url: str) -> None:
    office, _, _ = make_office(sqlite_url, quota=3)
    issue_ticket(office, "KTP")
    second = issue_ticket(office, "KTP")
    assert second["ahead_label"] == "1 orang"
    assert lookup_ticket(office, second["id"])["ahead_label"] == "1 orang"
    assert second["ahead_note"] == "1 orang lagi"
    calling.call_next(office, 1, None)
    assert lookup_ticket(office, second["id"])["ahead_note"] == "Anda berikutnya"
    services = {s["code"]: s for s in queue_snapshot(office)["services"]}
    assert services["KTP"]["waiting_label"] == "1 orang menunggu · sisa kuota 1"
    called = queue_snapshot(office)["counters"][0]["current"]
    assert called is not None and called["ahead_note"] is None  # no longer waiting


def test_a_recent_call_names_its_loket_as_the_tv_shows_it(make_office: OfficeFactory,
                                                         sqlite_url: str) -> None:
    office, _, _ = make_office(sqlite_url, extra_tables="""
[[counters]]
number = 4
name = "Loket Prioritas"
services = ["KTP"]
""")
    for _ in range(2):
        issue_ticket(office, "KTP")
    calling.call_next(office, 1, None)
    calling.call_next(office, 4, None)
    calls = queue_snapshot(office)["recent_calls"]
    assert [(c["counter"], c["counter_name"]) for c in calls] == \
        [(4, "Loket Prioritas"), (1, "Loket 1")]


def test_the_tv_note_under_a_loket_follows_its_state_then_its_ticket(
        make_office: OfficeFactory, sqlite_url: str) -> None:
    office, _, _ = make_office(sqlite_url)
    ticket = issue_ticket(office, "KTP")

    def note(number: int) -> str:
        entry = next(c for c in queue_snapshot(office)["counters"] if c["number"] == number)
        return str(entry["note"])

    assert note(1) == "Loket Tutup"
    counters.set_counter_state(office, 1, "open", None)
    assert note(1) == "Siap melayani"
    calling.call_next(office, 1, None)
    assert note(1) == "Dipanggil"
    serving.start(office, ticket["id"], None)
    assert note(1) == "Sedang Dilayani"
    counters.set_counter_state(office, 1, "break", None)
    assert note(1) == "Istirahat"
