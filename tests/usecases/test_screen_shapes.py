"""What screens receive has one declared shape (antrean.usecases.shapes, and the view models
of the monitor, the console, the kiosk, the booking pages, the reports and the admin pages in
their own modules): each carries exactly the keys declared, no more, no fewer."""

from __future__ import annotations

from datetime import date
from typing import Any

from antrean.core import report_tally
from antrean.core.kiosk_speech import SpokenText
from antrean.usecases import shapes
from antrean.usecases.access.accounts import create_user
from antrean.usecases.booking import availability
from antrean.usecases.queue import calling, counters, serving
from antrean.usecases.queue.issuing import issue_ticket
from antrean.usecases.queue.zone_pieces import zone_update, zone_view
from antrean.usecases.reports import agency_comparison, ikm_report, reports
from antrean.usecases.screens import console_view, kiosk_menu, monitor
from antrean.usecases.screens.queue_snapshot import lookup_ticket, queue_snapshot
from antrean.usecases.setup import views
from tests.conftest import OfficeFactory
from tests.support.booking import AKTA_BOOKING
from tests.support.mpp_history import MppFactory, answer_survey, make_mpp_office
from tests.support.zones import ZONES

__all__ = ["make_mpp_office"]  # the fixture


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


def test_the_kiosk_menu_has_its_declared_shape(make_office: OfficeFactory,
                                               sqlite_url: str) -> None:
    office, _, _ = make_office(sqlite_url, extra_service=AKTA_BOOKING)
    menu: dict[str, Any] = dict(kiosk_menu.kiosk_menu(office))
    assert_fits(menu, kiosk_menu.KioskMenu)
    assert_fits(menu["office"], kiosk_menu.KioskOffice)
    assert_fits(menu["checkin"], kiosk_menu.BookingCheckin)
    for choice in menu["priorities"]:
        assert_fits(choice, kiosk_menu.PriorityChoice)
    speech = menu["speech"]
    assert_fits(speech, kiosk_menu.KioskSpeech)
    assert_fits(speech["intro"], SpokenText)
    for spoken in speech["services"].values():
        assert_fits(spoken, kiosk_menu.ServiceSpeech)
        assert_fits(spoken["open"], SpokenText)


def test_the_booking_answers_have_their_declared_shape(make_office: OfficeFactory,
                                                       sqlite_url: str) -> None:
    office, _, _ = make_office(sqlite_url, extra_service=AKTA_BOOKING)
    [service] = availability.booking_services(office)
    assert_fits(dict(service), availability.BookingService)
    days: dict[str, Any] = dict(availability.booking_days(office, "AKTA"))
    assert_fits(days, availability.BookingDays)
    for day in days["days"]:
        assert_fits(day, availability.BookingDay)
    sessions: dict[str, Any] = dict(availability.day_sessions(office, "AKTA", date(2026, 11, 24)))
    assert_fits(sessions, availability.DaySessions)
    assert sessions["sessions"]
    for session in sessions["sessions"]:
        assert_fits(session, availability.BookingSessionView)


def test_the_ikm_report_has_its_declared_shape(make_mpp_office: MppFactory,
                                               sqlite_url: str) -> None:
    office, _ = make_mpp_office(sqlite_url)
    answer_survey(office, "samsat", 3)
    day = office.clock.local_day(office.now())
    report: dict[str, Any] = dict(ikm_report.ikm_report(office, day, day))
    assert_fits(report, ikm_report.IkmReport)
    assert report["elements"] and report["weakest"] and report["services"]
    for element in [*report["elements"], *report["weakest"]]:
        assert_fits(element, ikm_report.IkmElement)
    for row in report["services"]:
        assert_fits(row, ikm_report.IkmServiceRow)
    assert_fits(report["profile"], ikm_report.RespondentProfile)
    for share in report["profile"]["sex"]:
        assert_fits(share, ikm_report.ProfileShare)


def test_the_agencies_side_by_side_have_their_declared_shape(make_mpp_office: MppFactory,
                                                             sqlite_url: str) -> None:
    office, _ = make_mpp_office(sqlite_url)
    answer_survey(office, "samsat", 3)
    day = office.clock.local_day(office.now())
    table: dict[str, Any] = dict(agency_comparison.compare_agencies(office, day, day))
    assert_fits(table, agency_comparison.AgencyComparison)
    for row in [*table["agencies"], table["office"]]:
        assert_fits(row, agency_comparison.AgencyFigures)
        assert_fits(row["ikm"], ikm_report.IkmFigures)


def test_a_zones_cut_of_an_update_has_the_declared_shape(make_office: OfficeFactory,
                                                         sqlite_url: str) -> None:
    office, _, _ = make_office(sqlite_url, extra_tables=ZONES)
    issue_ticket(office, "KTP")
    snapshot = queue_snapshot(office)
    update: shapes.ScreenUpdate = {"versions": snapshot["versions"],
                                   "services": snapshot["services"],
                                   "counters": snapshot["counters"],
                                   "running_text": snapshot["running_text"]}
    settings = office.settings
    [utara] = [zone for zone in settings.zones if zone.code == "utara"]
    piece = zone_update(zone_view(settings, utara), update, snapshot["recent_calls"])
    assert piece is not None
    assert_fits(dict(piece), shapes.ScreenUpdate)
    assert set(piece) == set(shapes.ScreenUpdate.__required_keys__
                             | shapes.ScreenUpdate.__optional_keys__)
