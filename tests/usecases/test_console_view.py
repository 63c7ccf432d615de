"""The console's view model: what a loket sees and which buttons the server allows."""

from __future__ import annotations

from collections.abc import Mapping

import pytest

from antrean.core.errors import DomainError
from antrean.core.ticket import Priority, TicketStatus
from antrean.usecases.access.accounts import create_user
from antrean.usecases.queue import calling, counters, serving
from antrean.usecases.queue.issuing import issue_ticket
from antrean.usecases.screens import console_view as console_module
from antrean.usecases.screens.console_view import allowed_actions, console_view
from tests.conftest import OfficeFactory

NOTHING_AT_COUNTER = {"recall": False, "start": False, "finish": False, "skip": False,
                      "no_show": False, "transfer": False, "reprint": False}


def enabled(actions: Mapping[str, bool]) -> set[str]:
    return {name for name, allowed in actions.items() if allowed}


def test_an_idle_closed_counter_with_people_waiting_may_only_call_or_open() -> None:
    assert enabled(allowed_actions("closed", None, waiting=3, can_print=True)) == {"call", "open"}
    assert enabled(allowed_actions("open", None, waiting=0, can_print=True)) == {"pause"}


@pytest.mark.parametrize(("status", "expected"), [
    (TicketStatus.CALLED, {"recall", "start", "finish", "skip", "no_show", "transfer"}),
    (TicketStatus.SERVING, {"finish", "transfer"}),
])
def test_ticket_buttons_follow_the_ticket_rules(status: TicketStatus,
                                                expected: set[str]) -> None:
    actions = allowed_actions("open", status, waiting=0, can_print=False)
    assert enabled(actions) == expected | {"pause"}
    assert enabled(allowed_actions("open", status, 0, can_print=True)) == \
        expected | {"pause", "reprint"}


def test_the_view_shows_the_counters_queue_priority_first_and_its_count_today(
        make_office: OfficeFactory, database_url: str) -> None:
    office, clock, _ = make_office(database_url)
    issue_ticket(office, "AKTA")  # not served at loket 1
    first = issue_ticket(office, "KTP")
    clock.advance(minutes=2)
    lansia = issue_ticket(office, "KK", Priority.LANSIA)
    view = console_view(office, 1)
    assert [row["number"] for row in view["waiting"]] == [lansia["number"], first["number"]]
    assert view["waiting"][0]["priority_label"] == "Lanjut usia (60+)"
    assert (view["waiting_total"], view["priority_waiting"], view["served_today"]) == (2, 1, 0)
    assert view["waiting_more_label"] is None  # the list shows them all
    assert view["current"] is None
    assert enabled(view["actions"]) == {"call", "open"}

    calling.call_next(office, 1, None)
    clock.advance(minutes=1)
    view = console_view(office, 1)
    assert view["current"]["number"] == lansia["number"]
    assert view["counter"]["state"] == "open"
    assert "KK" not in [t["code"] for t in view["transfer_targets"]]
    # A called priority ticket can have its priority confirmed or removed.
    assert enabled(view["actions"]) == \
        NOTHING_AT_COUNTER.keys() - {"reprint"} | {"call", "pause", "check_priority"}

    siti = create_user(office, "siti", "rahasia-123", "petugas")
    serving.start(office, lansia["id"], siti.user_id)
    serving.finish(office, lansia["id"], siti.user_id)
    view = console_view(office, 1, siti.user_id)
    assert view["served_today"] == 1 and view["served_today_by_me"] == 1
    assert console_view(office, 1, siti.user_id + 1)["served_today_by_me"] == 0
    assert view["current"] is None
    assert [row["number"] for row in view["waiting"]] == [first["number"]]


def test_a_break_is_offered_back_as_opening(make_office: OfficeFactory, sqlite_url: str) -> None:
    office, _, _ = make_office(sqlite_url)
    counters.set_counter_state(office, 2, "break", None)
    view = console_view(office, 2)
    assert view["counter"]["state_label"] == "Istirahat"
    assert view["actions"]["open"] and not view["actions"]["pause"]


def test_an_unknown_counter_is_not_found(office: object) -> None:
    with pytest.raises(DomainError) as caught:
        console_view(office, 99)  # type: ignore[arg-type]
    assert caught.value.code == "unknown_counter"


def test_skipped_tickets_of_the_counter_are_offered_back(make_office: OfficeFactory,
                                                        sqlite_url: str) -> None:
    office, _, _ = make_office(sqlite_url)
    ticket = issue_ticket(office, "KTP")
    calling.call_next(office, 1, None)
    serving.skip(office, ticket["id"], None)
    view = console_view(office, 1)
    assert [row["number"] for row in view["skipped"]] == [ticket["number"]]
    assert view["skipped"][0]["actions"] == {"requeue": True, "no_show": True}
    assert console_view(office, 2)["skipped"] == []
    serving.no_show(office, ticket["id"], None)
    assert console_view(office, 1)["skipped"] == []


def test_the_queue_beyond_the_list_is_told_in_words(make_office: OfficeFactory,
                                                   sqlite_url: str,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    office, _, _ = make_office(sqlite_url)
    for _ in range(3):
        issue_ticket(office, "KTP")
    monkeypatch.setattr(console_module, "WAITING_SHOWN", 1)
    view = console_view(office, 1)
    assert (len(view["waiting"]), view["waiting_total"]) == (1, 3)
    assert view["waiting_more_label"] == "… dan 2 nomor lagi"
