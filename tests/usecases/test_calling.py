from typing import Any

import pytest
from sqlalchemy import select

from antrean.core.errors import DomainError, ErrorKind
from antrean.core.ticket import Priority
from antrean.db import queries
from antrean.db.models import TicketEvent
from antrean.usecases.access.accounts import create_user
from antrean.usecases.events import EventKind
from antrean.usecases.queue import calling, serving
from antrean.usecases.queue.issuing import issue_ticket
from antrean.usecases.screens.queue_snapshot import lookup_ticket, queue_snapshot
from tests.conftest import OfficeFactory


def events_of(office: Any, ticket_id: str) -> list[str]:
    with office.sessions() as session:
        ticket = queries.ticket_by_public_id(session, ticket_id)
        assert ticket is not None
        return [event.event for event in ticket.events]


def test_call_next_takes_the_oldest_ticket_among_the_counters_services(
        make_office: OfficeFactory, sqlite_url: str) -> None:
    office, clock, _ = make_office(sqlite_url)
    akta = issue_ticket(office, "AKTA")
    clock.advance(minutes=1)
    kk = issue_ticket(office, "KK")
    clock.advance(minutes=1)
    issue_ticket(office, "KTP")
    # Counter 1 serves KTP and KK only: the older AKTA ticket is not its business.
    assert calling.call_next(office, 1, None)["id"] == kk["id"]
    assert calling.call_next(office, 3, None)["id"] == akta["id"]


def test_priority_tickets_are_called_before_regular_ones(make_office: OfficeFactory,
                                                         sqlite_url: str) -> None:
    office, clock, _ = make_office(sqlite_url)
    regular = issue_ticket(office, "KTP")
    clock.advance(minutes=5)
    elderly = issue_ticket(office, "KTP", Priority.LANSIA)
    assert elderly["ahead"] == 0
    assert lookup_ticket(office, regular["id"])["ahead"] == 1
    assert calling.call_next(office, 1, None)["id"] == elderly["id"]
    assert calling.call_next(office, 1, None)["id"] == regular["id"]


def test_call_next_closes_the_previous_ticket_started_at_its_call(
        make_office: OfficeFactory, sqlite_url: str) -> None:
    office, clock, _ = make_office(sqlite_url)
    first = issue_ticket(office, "KTP")
    issue_ticket(office, "KTP")
    called = calling.call_next(office, 1, None)
    clock.advance(minutes=7)
    calling.call_next(office, 1, None)
    done = lookup_ticket(office, first["id"])
    assert done["status"] == "done"
    assert done["started_at"] == called["called_at"]
    assert events_of(office, first["id"]) == ["issue", "call", "start", "finish"]


def test_nobody_waiting_returns_none_and_still_closes_the_counters_ticket(
        make_office: OfficeFactory, sqlite_url: str) -> None:
    office, _, _ = make_office(sqlite_url)
    only = issue_ticket(office, "KTP")
    calling.call_next(office, 1, None)
    assert calling.call_next(office, 1, None) is None
    assert lookup_ticket(office, only["id"])["status"] == "done"


def test_call_event_carries_the_counter_and_the_announcement(
        make_office: OfficeFactory, sqlite_url: str) -> None:
    office, _, publisher = make_office(sqlite_url)
    issue_ticket(office, "KTP")
    calling.call_next(office, 2, None)
    called = [e for e in publisher.events if e.kind == EventKind.CALLED][-1]
    assert called.counter is not None and called.counter["number"] == 2
    assert called.announcement is not None
    assert called.announcement["display_text"] == "Nomor antrean A-001, silakan menuju Loket 2"
    assert "A-001" not in called.announcement["spoken_text"]
    calling.recall(office, 2, None)
    assert [e.kind for e in publisher.events][-2:] == [EventKind.RECALLED, EventKind.UPDATE]


NAMED_COUNTER = """
[[counters]]
number = 4
name = "Loket Prioritas"
services = ["KTP"]
"""


def test_a_named_counter_is_announced_by_its_name_in_text_voice_and_clips(
        make_office: OfficeFactory, sqlite_url: str) -> None:
    office, _, publisher = make_office(sqlite_url, extra_tables=NAMED_COUNTER)
    ticket = issue_ticket(office, "KTP")
    calling.call_next(office, 4, None)
    called = [e for e in publisher.events if e.kind == "called"][-1]
    assert called.announcement is not None
    assert called.announcement["display_text"] == \
        "Nomor antrean A-001, silakan menuju Loket Prioritas"
    assert called.announcement["spoken_text"] == \
        "Nomor antrean, A, satu, silakan menuju loket prioritas"
    assert tuple(called.announcement["clips"][-2:]) == ("silakan-menuju",
                                                         "tempat-loket-prioritas")
    # The citizen's phone names the same counter the TV shows.
    assert lookup_ticket(office, ticket["id"])["counter_name"] == "Loket Prioritas"


def test_the_serving_cycle_is_logged_with_counter_and_petugas(
        make_office: OfficeFactory, sqlite_url: str) -> None:
    office, clock, _ = make_office(sqlite_url)
    petugas = create_user(office, "siti", "rahasia123", "petugas")
    ticket = issue_ticket(office, "KTP")
    calling.call_next(office, 1, petugas.user_id)
    clock.advance(minutes=1)
    serving.start(office, ticket["id"], petugas.user_id)
    clock.advance(minutes=6)
    finished = serving.finish(office, ticket["id"], petugas.user_id)
    assert finished["status"] == "done"
    with office.sessions() as session:
        rows = session.scalars(select(TicketEvent).order_by(TicketEvent.id)).all()
        log = [(r.event, r.counter_number, r.user_id) for r in rows]
    assert log == [("issue", None, None), ("call", 1, petugas.user_id),
                   ("start", 1, petugas.user_id), ("finish", 1, petugas.user_id)]


@pytest.mark.parametrize("action", ["start", "finish", "skip", "no_show"])
def test_actions_on_a_waiting_ticket_are_conflicts_and_change_nothing(
        office: Any, action: str) -> None:
    ticket = issue_ticket(office, "KTP")
    with pytest.raises(DomainError) as raised:
        getattr(serving, action)(office, ticket["id"], None)
    assert raised.value.kind is ErrorKind.CONFLICT
    assert lookup_ticket(office, ticket["id"])["status"] == "waiting"


def test_skipped_ticket_can_be_requeued_or_marked_no_show(office: Any) -> None:
    first = issue_ticket(office, "KTP")
    second = issue_ticket(office, "KTP")
    calling.call_next(office, 1, None)
    assert serving.skip(office, first["id"], None)["status"] == "skipped"
    assert serving.requeue(office, first["id"], None)["status"] == "waiting"
    # Back at its place by issue time: ahead of the later ticket.
    assert calling.call_next(office, 1, None)["id"] == first["id"]
    calling.call_next(office, 1, None)
    assert lookup_ticket(office, second["id"])["status"] == "called"
    assert serving.no_show(office, second["id"], None)["status"] == "no_show"


def test_transfer_keeps_the_number_and_the_place_by_issue_time(make_office: OfficeFactory,
                                                                sqlite_url: str) -> None:
    office, clock, _ = make_office(sqlite_url)
    ktp = issue_ticket(office, "KTP")
    clock.advance(minutes=10)
    issue_ticket(office, "AKTA")
    calling.call_next(office, 1, None)
    moved = serving.transfer(office, ktp["id"], "AKTA", None)
    assert (moved["number"], moved["service"], moved["status"]) == ("A-001", "AKTA", "transferred")
    assert moved["ahead"] == 0  # issued before the AKTA ticket, so it stays in front
    assert calling.call_next(office, 3, None)["id"] == ktp["id"]
    with pytest.raises(DomainError) as raised:
        serving.transfer(office, ktp["id"], "NOPE", None)
    assert raised.value.kind is ErrorKind.INVALID


def test_cancel_only_while_waiting(office: Any) -> None:
    ticket = issue_ticket(office, "KTP")
    assert serving.cancel(office, ticket["id"], None)["status"] == "cancelled"
    with pytest.raises(DomainError):
        serving.cancel(office, ticket["id"], None)
    assert calling.call_next(office, 1, None) is None


def test_recall_without_a_called_ticket_is_a_conflict(office: Any) -> None:
    with pytest.raises(DomainError) as raised:
        calling.recall(office, 1, None)
    assert raised.value.kind is ErrorKind.CONFLICT


def test_unknown_counter_and_ticket_are_not_found(office: Any) -> None:
    with pytest.raises(DomainError) as raised:
        calling.call_next(office, 99, None)
    assert raised.value.kind is ErrorKind.NOT_FOUND
    with pytest.raises(DomainError) as raised:
        serving.finish(office, "no-such-ticket", None)
    assert raised.value.kind is ErrorKind.NOT_FOUND


def test_snapshot_shows_waiting_counts_counters_and_recent_calls(office: Any) -> None:
    issue_ticket(office, "KTP")
    issue_ticket(office, "KTP")
    issue_ticket(office, "KK")
    calling.call_next(office, 2, None)
    snapshot = queue_snapshot(office)
    waiting = {s["code"]: s["waiting"] for s in snapshot["services"]}
    assert waiting == {"KTP": 1, "KK": 1, "AKTA": 0}
    counter_two = next(c for c in snapshot["counters"] if c["number"] == 2)
    assert counter_two["current"]["number"] == "A-001"
    assert counter_two["state"] == "open"
    assert snapshot["recent_calls"][0]["number"] == "A-001"
    assert snapshot["office"]["zone_name"] == "WITA"
