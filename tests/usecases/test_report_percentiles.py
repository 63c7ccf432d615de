"""Report percentiles agree with core.statistics on the same values, on both back-ends."""

from __future__ import annotations

import random
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from antrean.core.statistics import summarize
from antrean.usecases.queue import calling
from antrean.usecases.queue.issuing import issue_ticket
from antrean.usecases.reports.reports import stats
from antrean.usecases.screens.monitor import monitor_view
from tests.conftest import OfficeFactory

ZONE = ZoneInfo("Asia/Makassar")


def test_report_percentiles_are_within_10_s_of_the_reference_for_awkward_counts(
        make_office: OfficeFactory, database_url: str) -> None:
    office, clock, _ = make_office(database_url, at=datetime(2026, 3, 2, 7, 0, tzinfo=ZONE))
    rng = random.Random(11)
    issued = []
    for _ in range(37):  # p90 falls between ranks: 0.9 x 36 = 32.4
        clock.advance(seconds=rng.randint(1, 400))
        issued.append((issue_ticket(office, "KK")["id"], clock()))
    waits = []
    for _ in issued:
        clock.advance(seconds=rng.randint(1, 90))
        called = calling.call_next(office, 1, None)
        assert called is not None
        start = next(at for ticket_id, at in issued if ticket_id == called["id"])
        waits.append(float(int(clock().timestamp()) - int(start.timestamp())))
    report = stats(office, clock().astimezone(ZONE).date(), clock().astimezone(ZONE).date())
    expected = summarize(waits)
    got = report["services"][1]["waiting_seconds"]
    assert (got["count"], got["mean"], got["max"]) == (
        expected.count, expected.mean, expected.max)
    assert got["median"] == pytest.approx(expected.median, abs=10)
    assert got["p90"] == pytest.approx(expected.p90, abs=10)


def test_monitor_flags_a_ticket_past_its_target(make_office: OfficeFactory,
                                                sqlite_url: str) -> None:
    office, clock, _ = make_office(sqlite_url)
    old = issue_ticket(office, "KK")  # target 20 minutes
    clock.advance(minutes=15)
    issue_ticket(office, "KTP")
    calling.call_next(office, 3, None)  # loket 3 serves AKTA only: nobody to call
    clock.advance(minutes=5, seconds=1)
    view = monitor_view(office)
    assert [t["number"] for t in view["overdue"]] == [old["number"]]
    assert view["longest"]["number"] == old["number"]
    assert view["longest"]["waited_seconds"] == 20 * 60 + 1
    kk = next(s for s in view["services"] if s["code"] == "KK")
    assert (kk["waiting"], kk["overdue"]) == (1, 1)
    assert kk["target_label"] == "target 20 mnt"  # the page shows it as it comes
    assert view["counters"][2]["state"] == "open" and view["counters"][2]["current"] is None
    assert view["waiting_total"] == 2

