"""Agencies of an MPP side by side for a period: one row per agency (instansi) and one for
the whole office.

Queue figures come from the daily roll-ups, which are kept per service: an agency is the sum
of its services' tallies (counts and sums exactly; percentiles from the merged histograms,
within 10 s, as in every report). The IKM is PermenPANRB 14/2017's over the agency's survey
answers (core.ikm); complaints are those filed in the period for the agency.

The table is sent as JSON (GET /api/v1/reports/agencies), drawn by /laporan/instansi and
exported by agency_export; the offices side by side (office_comparison) reuse its rows.
"""

from __future__ import annotations

from datetime import date
from typing import TypedDict

from antrean.core.complaint_deadline import is_overdue
from antrean.core.ikm import compute_ikm
from antrean.core.report_tally import ALL, ANY_SERVICE, Tally
from antrean.db import complaint_queries, survey_queries
from antrean.db.complaint_models import Complaint
from antrean.usecases.context import Office
from antrean.usecases.reports import rollups
from antrean.usecases.reports.ikm_report import IkmFigures, answer_distributions, result_view

OFFICE_ROW = ""  # the agency code of the whole office's row


class AgencyFigures(TypedDict):
    """One agency's figures of the period, or the whole office's (agency OFFICE_ROW)."""

    agency: str
    short_name: str
    name: str
    issued: int
    served: int
    no_show: int
    waiting_mean: float | None  # seconds; None while nothing was counted
    waiting_p90: float | None
    service_mean: float | None
    service_p90: float | None
    target_breaches: int  # called after their service's target wait had passed
    within_target_share: float | None  # 0..1
    ikm: IkmFigures
    complaints: int
    complaints_overdue: int


# "from" is a Python keyword: the class syntax cannot declare it.
ComparisonPeriod = TypedDict("ComparisonPeriod", {"from": str, "to": str, "timezone": str})


class AgencyComparison(ComparisonPeriod):
    """Every agency's row, then the office's."""

    agencies: list[AgencyFigures]
    office: AgencyFigures


def compare_agencies(office: Office, first: date, last: date) -> AgencyComparison:
    """Every agency's figures of [first, last], then the office's."""
    start, _ = office.clock.day_bounds_utc(first)
    _, end = office.clock.day_bounds_utc(last)
    today = office.clock.local_day(office.now())
    with office.read_transaction(one_snapshot=True) as session:
        period = rollups.gather(session, office, first, last, None, rollups.signature(office))
        answers = survey_queries.answer_counts(session, first, last, None)
        complaints = [(row.agency, is_overdue(row.due_on, _answered(office, row), today))
                      for row in complaint_queries.filed_between(session, start, end)]
    rollups.keep(office, period)
    per_service: dict[str, Tally] = {}
    for row in period.groups:
        if row.dimension == ALL:
            per_service.setdefault(row.service, Tally()).merge(row.tally)
    rows: list[AgencyFigures] = []
    for agency in office.settings.agencies:
        codes = frozenset(s.code for s in office.settings.services_of(agency.code))
        tally = Tally()
        for code in codes:
            tally.merge(per_service.get(code, Tally()))
        rows.append(_row(agency.code, agency.short_name, agency.name, tally,
                         answer_distributions(answers, codes),
                         [late for owner, late in complaints if owner == agency.code]))
    whole = _row(OFFICE_ROW, "Seluruh kantor", office.settings.office.name,
                 per_service.get(ANY_SERVICE, Tally()), answer_distributions(answers, None),
                 [late for _, late in complaints])
    return {"from": first.isoformat(), "to": last.isoformat(),
            "timezone": office.settings.office.timezone, "agencies": rows, "office": whole}


def _row(code: str, short_name: str, name: str, tally: Tally,
         distributions: dict[str, list[int]], complaints: list[bool]) -> AgencyFigures:
    figures = tally.figures()
    waits, services = figures["waiting_seconds"], figures["service_seconds"]
    return {
        "agency": code, "short_name": short_name, "name": name,
        "issued": tally.issued, "served": tally.served, "no_show": tally.no_show,
        "waiting_mean": waits["mean"], "waiting_p90": waits["p90"],
        "service_mean": services["mean"], "service_p90": services["p90"],
        # Called after their service's target wait had passed.
        "target_breaches": tally.judged - tally.within,
        "within_target_share": figures["within_target_share"],
        "ikm": result_view(compute_ikm(distributions)),
        "complaints": len(complaints),
        "complaints_overdue": sum(complaints),
    }


def _answered(office: Office, row: Complaint) -> date | None:
    return office.clock.local_day(row.first_answered_at) if row.first_answered_at else None
