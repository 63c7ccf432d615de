"""What screens receive has one declared shape (antrean.usecases.shapes, and the view models
of the monitor, the console and the admin pages in their own modules): each carries exactly
the keys declared, no more, no fewer."""

from __future__ import annotations

from typing import Any

from antrean.core import report_tally
from antrean.usecases import shapes
from antrean.usecases.access.accounts import create_user
from antrean.usecases.queue import calling, counters, serving
from antrean.usecases.queue.issuing import issue_ticket
from antrean.usecases.reports import reports
from antrean.usecases.screens import console_view, monitor
from antrean.usecases.screens.queue_snapshot import lookup_ticket, queue_snapshot
from antrean.usecases.setup import views
from tests.conftest import OfficeFactory


def keys(shape: Any) -> tuple[set[str], set[str]]:
    return set(shape.__required_keys__), set(shape.__optional_keys__)


def assert_fits(value: dict[str, Any], shape: Any) -> None:
    required, optional = keys(shape)
    assert required <= set(value) <= required | optional, shape.__name__


def test_the_snapshot_and_its_pieces_have_their_declared_shape(
        make_office: OfficeFactory, sqlite_url: str) -> None:
    office, _, _ = make_office(sqlite_url)
    issue_ticket(office, "KTP")
    counters.set_counter_state(office, 2, "break", None)
    calling.call_next(office, 1, None)
    snapshot: dict[str, Any] = dict(queue_snapshot(office))
    assert_fits(snapshot, shapes.QueueSnapshot)
    assert_fits(snapshot["office"], shapes.SnapshotOffice)
    for service in snapshot["services"]:
        assert_fits(service, shapes.ServiceStatus)
    for counter in snapshot["counters"]:
        assert_fits(counter, shapes.CounterEntry)
    called = next(c["current"] for c in snapshot["counters"] if c["current"])
    assert_fits(called, shapes.CurrentTicket)
    assert called["call_id"] and called["announcement"]
    for call in snapshot["recent_calls"]:
        assert_fits(call, shapes.RecentCall)


def test_a_ticket_has_the_declared_ticket_view(make_office: OfficeFactory,
                                              sqlite_url: str) -> None:
    office, _, _ = make_office(sqlite_url)
    ticket = dict(issue_ticket(office, "KTP"))
    assert_fits(ticket, shapes.TicketView)
    assert_fits(dict(lookup_ticket(office, ticket["id"])), shapes.TicketView)


def test_the_monitor_has_its_declared_shape(make_office: OfficeFactory,
                                            sqlite_url: str) -> None:
    office, _, _ = make_office(sqlite_url)
    issue_ticket(office, "KTP")
    issue_ticket(office, "KK")
    calling.call_next(office, 1, None)
    view: dict[str, Any] = dict(monitor.monitor_view(office))
    assert_fits(view, monitor.MonitorView)
    assert view["waiting"] and view["longest"]
    for ticket in [*view["waiting"], view["longest"]]:
        assert_fits(ticket, monitor.WaitingTicket)
    for service in view["services"]:
        assert_fits(service, monitor.MonitorService)
    for counter in view["counters"]:
        assert_fits(counter, monitor.MonitorCounter)
    current = next(c["current"] for c in view["counters"] if c["current"])
    assert_fits(current, monitor.MonitorTicket)


def test_the_console_has_its_declared_shape(make_office: OfficeFactory,
                                            sqlite_url: str) -> None:
    office, _, _ = make_office(sqlite_url)
    skipped = issue_ticket(office, "KTP")
    issue_ticket(office, "KTP")
    calling.call_next(office, 1, None)
    serving.skip(office, skipped["id"], None)
    calling.call_next(office, 1, None)
    issue_ticket(office, "KK")
    view: dict[str, Any] = dict(console_view.console_view(office, 1))
    assert_fits(view, console_view.ConsoleView)
    assert_fits(view["counter"], shapes.CounterView)
    assert_fits(view["current"], shapes.TicketView)
    assert_fits(view["actions"], console_view.ConsoleActions)
    assert view["waiting"] and view["skipped"] and view["transfer_targets"]
    for ticket in view["waiting"]:
        assert_fits(ticket, console_view.CallableTicket)
        assert_fits(ticket["actions"], console_view.CallableActions)
    for ticket in view["skipped"]:
        assert_fits(ticket, console_view.SkippedTicket)
        assert_fits(ticket["actions"], console_view.SkippedActions)
    for target in view["transfer_targets"]:
        assert_fits(target, console_view.TransferTarget)


def test_the_setup_view_has_its_declared_shape(make_office: OfficeFactory,
                                               sqlite_url: str) -> None:
    office, _, _ = make_office(sqlite_url, live=True)
    view: dict[str, Any] = dict(views.setup_view(office))
    assert_fits(view, views.SetupView)
    assert_fits(view["office_fixed"], views.OfficeFixed)
    assert view["services"] and view["counters"]
    for service in view["services"]:
        assert_fits(service, views.ServiceSetup)
        assert service["table"]["code"] == service["code"]


def test_the_report_has_its_declared_shape(make_office: OfficeFactory, sqlite_url: str) -> None:
    office, _, _ = make_office(sqlite_url)
    siti = create_user(office, "siti", "rahasia-123", "petugas").user_id
    ticket = issue_ticket(office, "KTP")
    calling.call_next(office, 1, siti)
    serving.finish(office, ticket["id"], siti)
    day = office.clock.local_day(office.now())
    report: dict[str, Any] = dict(reports.stats(office, day, day))
    assert_fits(report, reports.Report)
    assert_fits(report["overall"], report_tally.Figures)
    assert_fits(report["overall"]["waiting_seconds"], report_tally.DurationSummary)
    assert_fits(report["bookings"], reports.Bookings)
    for section, shape in (("services", reports.ServiceFigures), ("days", reports.DayFigures),
                           ("hours", reports.HourFigures),
                           ("priorities", reports.PriorityFigures),
                           ("arrivals", reports.ArrivalFigures),
                           ("counters", reports.CounterFigures),
                           ("petugas", reports.PetugasFigures)):
        assert report[section], section
        for row in report[section]:
            assert_fits(row, shape)
