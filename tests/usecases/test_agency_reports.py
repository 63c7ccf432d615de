"""Reports of one agency (instansi) of an MPP, and agencies side by side, on SQLite and
PostgreSQL.

An agency's figures are the sum of its services' daily roll-ups; they are compared, figure by
figure, with the plain Python computation from the raw event log restricted to the agency's
services (tests/support/report_oracle.py): before the days are rolled up (read from the
events), and after (from stored days and months).
"""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from antrean.core.complaints import ComplaintForm
from antrean.core.errors import DomainError
from antrean.core.survey_period import parse_period
from antrean.db.rollup_models import MONTH, RollupHead
from antrean.usecases.feedback.complaint_recap import monthly_recap
from antrean.usecases.feedback.complaints import record_complaint
from antrean.usecases.reports.agency_comparison import compare_agencies
from antrean.usecases.reports.ikm_report import ikm_report
from antrean.usecases.reports.reports import stats
from antrean.usecases.reports.skm_publication import period_results
from tests.support.mpp_history import (
    AGENCIES,
    MppFactory,
    answer_survey,
    make_mpp_office,
    mpp_history,
)
from tests.support.report_oracle import assert_same_report, oracle_stats, within_10_s

__all__ = ["make_mpp_office"]  # the fixture

FEB_26, FEB_27, FEB_28 = date(2026, 2, 26), date(2026, 2, 27), date(2026, 2, 28)
MAR_2 = date(2026, 3, 2)
FEB, MAR_31 = date(2026, 2, 1), date(2026, 3, 31)


def months_rolled_up(office: object) -> set[date]:
    with office.read_transaction() as session:  # type: ignore[attr-defined]
        return set(session.scalars(select(RollupHead.day).where(RollupHead.span == MONTH)))


def test_an_agency_report_is_the_log_of_its_services_from_events_and_from_roll_ups(
        make_mpp_office: MppFactory, database_url: str) -> None:
    office, clock = make_mpp_office(database_url, timezone="Asia/Jakarta")
    mpp_history(office, clock, seed=17, days=[FEB_27, MAR_2])
    first_pass = {}
    for agency in AGENCIES:  # the first report reads the events and stores the roll-ups
        first_pass[agency] = stats(office, FEB, MAR_31, agency=agency)
        assert_same_report(first_pass[agency], oracle_stats(office, FEB, MAR_31, agency=agency))
    assert months_rolled_up(office) == {FEB, date(2026, 3, 1)}
    for agency in AGENCIES:  # now from month rows, and from day rows for a part of a month
        assert stats(office, FEB, MAR_31, agency=agency) == first_pass[agency]
        assert_same_report(stats(office, FEB_27, MAR_2, agency=agency),
                           oracle_stats(office, FEB_27, MAR_2, agency=agency))
    assert_same_report(stats(office, FEB, MAR_31, "KK", agency="dukcapil"),
                       oracle_stats(office, FEB, MAR_31, "KK", agency="dukcapil"))
    whole = stats(office, FEB, MAR_31)
    assert sum(first_pass[a]["overall"]["issued"] for a in AGENCIES) == \
        whole["overall"]["issued"] > 20
    dukcapil = first_pass["dukcapil"]
    assert [s["service"] for s in dukcapil["services"]] == ["KTP", "KK"]
    assert [c["counter"] for c in dukcapil["counters"]] == [1, 2]
    assert dukcapil["agency_filter"] == "dukcapil"


def test_the_comparison_has_a_row_per_agency_from_roll_ups_and_the_office_total(
        make_mpp_office: MppFactory, database_url: str) -> None:
    office, clock = make_mpp_office(database_url)
    mpp_history(office, clock, seed=5, days=[FEB_26, FEB_27])
    for agency, answer in (("dukcapil", 4), ("samsat", 2)):
        for _ in range(2):
            answer_survey(office, agency, answer)
    record_complaint(office, complaint("S-003"), "whatsapp", None)  # samsat by its prefix
    record_complaint(office, complaint(None, agency="bpjs"), "kotak", None)
    record_complaint(office, complaint(None), "kotak", None)  # the office as a whole

    # Up to today (28 February, after midnight): surveys and complaints are dated today.
    table = compare_agencies(office, FEB_26, FEB_28)
    again = compare_agencies(office, FEB_26, FEB_28)  # from the stored roll-ups this time
    assert again == table
    rows = {row["agency"]: row for row in table["agencies"]}
    assert list(rows) == list(AGENCIES)
    for agency, row in rows.items():
        exact = oracle_stats(office, FEB_26, FEB_28, agency=agency)["overall"]
        waits, service = exact["waiting_seconds"], exact["service_seconds"]
        assert (row["issued"], row["served"], row["no_show"]) == \
            (exact["issued"], exact["served"], exact["no_show"])
        assert (row["waiting_mean"], row["service_mean"]) == (waits["mean"], service["mean"])
        assert row["waiting_p90"] == within_10_s(waits["p90"])
        assert row["service_p90"] == within_10_s(service["p90"])
        assert row["within_target_share"] == exact["within_target_share"]
    assert rows["bpjs"]["target_breaches"] == 0  # JKN has no target
    assert rows["dukcapil"]["target_breaches"] + rows["samsat"]["target_breaches"] == \
        table["office"]["target_breaches"] > 0
    assert sum(row["issued"] for row in rows.values()) == table["office"]["issued"]
    assert (rows["dukcapil"]["ikm"]["ikm_label"], rows["dukcapil"]["ikm"]["grade"]) == \
        ("100,00", "A")
    assert (rows["samsat"]["ikm"]["ikm_label"], rows["samsat"]["ikm"]["grade"]) == ("50,00", "D")
    assert rows["bpjs"]["ikm"]["ikm"] is None
    assert table["office"]["ikm"]["ikm_label"] == "75,00"
    assert [rows[a]["complaints"] for a in AGENCIES] == [0, 1, 1]
    assert table["office"]["complaints"] == 3


def test_ikm_and_complaint_recap_of_one_agency(make_mpp_office: MppFactory,
                                               database_url: str) -> None:
    office, _ = make_mpp_office(database_url)
    answer_survey(office, "dukcapil", 4)
    answer_survey(office, "samsat", 1)
    record_complaint(office, complaint("A-001"), "whatsapp", None)
    day = office.clock.local_day(office.now())
    assert ikm_report(office, day, day, agency="dukcapil")["ikm_label"] == "100,00"
    assert ikm_report(office, day, day, agency="samsat")["ikm_label"] == "25,00"
    assert ikm_report(office, day, day)["responses"] == 2
    assert [s["service"] for s in ikm_report(office, day, day, agency="samsat")["services"]] \
        == ["PKB"]
    quarter = parse_period("2026-T4")  # the published SKM of one agency
    samsat = period_results(office, quarter, "samsat")
    assert (samsat.agency_name, samsat.office.ikm_label) == ("Samsat Martapura", "25,00")
    assert [s.code for s in samsat.services] == ["PKB"]
    assert samsat.office.population == 1  # the one Samsat ticket served
    assert period_results(office, quarter).office.responses == 2
    month = day.replace(day=1)
    assert monthly_recap(office, month, "dukcapil")["total"] == 1
    assert monthly_recap(office, month, "samsat")["total"] == 0
    assert monthly_recap(office, month)["total"] == 1


@pytest.mark.parametrize("call", [
    lambda office, day: stats(office, day, day, agency="imigrasi"),
    lambda office, day: stats(office, day, day, "PKB", agency="dukcapil"),
    lambda office, day: ikm_report(office, day, day, agency="imigrasi"),
    lambda office, day: monthly_recap(office, day, "imigrasi"),
])
def test_an_unknown_agency_or_a_service_of_another_agency_is_refused(
        make_mpp_office: MppFactory, sqlite_url: str, call: object) -> None:
    office, _ = make_mpp_office(sqlite_url)
    with pytest.raises(DomainError) as refused:
        call(office, office.clock.local_day(office.now()))  # type: ignore[operator]
    assert refused.value.code in ("unknown_agency", "service_not_in_agency")


def complaint(ticket_number: str | None, agency: str | None = None) -> ComplaintForm:
    return ComplaintForm("pelayanan", "Petugas datang terlambat sekali.", None, None,
                         ticket_number, agency)
