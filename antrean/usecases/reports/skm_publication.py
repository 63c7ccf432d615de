"""Public SKM results (PermenPANRB 14/2017): per published period, the IKM, grade and every
element's value for the office and for each service; whether the respondents reach the
minimum sample for the people served; the follow-up plans for the weakest elements.

Nothing a citizen typed (suggestions) and no respondent profile is ever part of it.

Only the /skm and /admin/skm templates read the results: frozen dataclasses.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy.exc import IntegrityError

from antrean.core.clock import MONTH_NAMES
from antrean.core.errors import conflict, invalid, not_found
from antrean.core.ikm import ELEMENTS, ELEMENTS_BY_CODE, IkmResult, compute_ikm, format_decimal
from antrean.core.skm_sample import minimum_sample
from antrean.core.survey_period import SurveyPeriod, ended_periods, parse_period
from antrean.db import skm_queries, survey_queries
from antrean.db.publication_models import SkmFollowUp, SkmPublication
from antrean.usecases.access import audit
from antrean.usecases.agency_scope import agency_name, services_in
from antrean.usecases.context import Office
from antrean.usecases.reports.ikm_report import result_view

FOLLOW_UP_STATUSES = {"rencana": "Direncanakan", "berjalan": "Sedang dikerjakan",
                      "selesai": "Selesai"}
WEAKEST_COUNT = 3
MAX_PLAN = 1000
SKM_PUBLISHED = "skm_published"
OFFICE = ""  # the service code of office-wide rows


@dataclass(frozen=True)
class SkmElement:
    code: str
    name: str
    nrr: float
    nrr_label: str  # "-" while nobody answered it
    responses: int


@dataclass(frozen=True)
class SkmSummary:
    """The IKM of the office or of one service, against the minimum sample."""

    responses: int
    ikm: float | None
    ikm_label: str | None
    grade: str | None
    grade_label: str | None
    population: int  # the people served in the period
    minimum_sample: int
    sample_reached: bool
    elements: list[SkmElement]


@dataclass(frozen=True)
class ServiceSummary:
    code: str
    name: str
    summary: SkmSummary


@dataclass(frozen=True)
class ElementRow:
    """One element's value for the office, then for each service, as one table row."""

    code: str
    name: str
    office: str
    services: list[str]


@dataclass(frozen=True)
class WeakElement:
    code: str
    name: str
    nrr_label: str


@dataclass(frozen=True)
class FollowUpView:
    element: str
    element_name: str
    service: str  # OFFICE: office-wide
    plan: str
    status: str
    status_label: str


@dataclass(frozen=True)
class SkmResults:
    """A period's results, of the office or of one agency."""

    agency: str | None
    agency_name: str | None
    period: str  # its key, "2026-T3"
    label: str
    first_day: str  # ISO dates
    last_day: str
    from_label: str
    to_label: str
    office: SkmSummary
    services: list[ServiceSummary]
    element_rows: list[ElementRow]
    weakest: list[WeakElement]
    follow_ups: list[FollowUpView]  # the office's only: none in an agency's results


def publishable_periods(office: Office) -> list[SurveyPeriod]:
    """Periods that have ended (an unfinished quarter would publish half a picture)."""
    return ended_periods(office.clock.local_day(office.now()))


def published_periods(office: Office) -> list[SurveyPeriod]:
    with office.read_transaction() as session:
        keys = skm_queries.published_period_keys(session)
    return sorted((parse_period(key) for key in keys),
                  key=lambda p: (p.last_day, -p.first_day.toordinal()), reverse=True)


def publish_period(office: Office, key: str, actor_id: int | None) -> SurveyPeriod:
    period = parse_period(key)
    if period not in publishable_periods(office):
        raise invalid("period_not_ended", f"{period.label} belum berakhir; hasil survei "
                      "diterbitkan setelah periodenya selesai.")
    try:
        with office.transaction() as session:
            session.add(SkmPublication(period=period.key, published_at=office.now(),
                                       published_by=actor_id))
            session.flush()
            audit.record(session, office, SKM_PUBLISHED, actor_id, target=period.key)
    except IntegrityError as exc:
        raise conflict("already_published", f"{period.label} sudah diterbitkan.") from exc
    return period


def public_results(office: Office, key: str, agency: str | None = None) -> SkmResults:
    """What /skm shows of a period; only a published period is public."""
    period = parse_period(key)
    if period not in published_periods(office):
        raise not_found("period_not_published", "Hasil survei periode ini belum diterbitkan.")
    return period_results(office, period, agency)


def period_results(office: Office, period: SurveyPeriod,
                   agency: str | None = None) -> SkmResults:
    """The office's results, or one agency's (in an MPP each agency is a unit of service
    with its own survey); the follow-up plans are the office's."""
    chosen = services_in(office, agency)
    with office.read_transaction() as session:
        counts = survey_queries.answer_counts(session, period.first_day, period.last_day,
                                              chosen)
        served = skm_queries.served_per_service(session, period.first_day, period.last_day)
        follow_ups = [_follow_up_view(plan)
                      for plan in skm_queries.follow_ups(session, period.key)
                      ] if agency is None else []
    if chosen is not None:
        served = {code: count for code, count in served.items() if code in chosen}
    overall = compute_ikm(_distributions(counts, None))
    services = [
        ServiceSummary(s.code, s.name, _summary(compute_ikm(_distributions(counts, s.code)),
                                                served.get(s.code, 0)))
        for s in office.settings.services if chosen is None or s.code in chosen
    ]
    office_summary = _summary(overall, sum(served.values()))
    return SkmResults(
        agency=agency, agency_name=agency_name(office, agency),
        period=period.key, label=period.label,
        first_day=period.first_day.isoformat(), last_day=period.last_day.isoformat(),
        from_label=_long_date(period.first_day), to_label=_long_date(period.last_day),
        office=office_summary,
        services=services,
        # Element by element: the office, then each service, for one table.
        element_rows=[
            ElementRow(e.code, e.name, e.nrr_label,
                       [s.summary.elements[i].nrr_label for s in services])
            for i, e in enumerate(office_summary.elements)
        ],
        weakest=[WeakElement(e.code, e.name, format_decimal(e.nrr))
                 for e in overall.weakest(WEAKEST_COUNT)] if overall.ikm else [],
        follow_ups=follow_ups,
    )


def save_follow_up(office: Office, key: str, element: str, plan: str, status: str,
                   actor_id: int | None) -> None:
    """Write or update the office's plan for one element of a period."""
    period = parse_period(key)
    if element not in ELEMENTS_BY_CODE:
        raise invalid("unknown_element", "Unsur survei tidak dikenal.")
    if status not in FOLLOW_UP_STATUSES:
        raise invalid("invalid_status", "Pilih status: direncanakan, sedang dikerjakan atau "
                      "selesai.")
    text = plan.strip()
    if not text or len(text) > MAX_PLAN:
        raise invalid("invalid_plan", f"Tuliskan rencana tindak lanjut, paling banyak "
                      f"{MAX_PLAN} karakter.")
    with office.transaction() as session:
        row = skm_queries.follow_up_locked(session, period.key, OFFICE, element)
        if row is None:
            row = SkmFollowUp(period=period.key, service_code=OFFICE, element=element)
            session.add(row)
        row.plan, row.status = text, status
        row.updated_at, row.updated_by = office.now(), actor_id


def _long_date(day: date) -> str:
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def _summary(result: IkmResult, population: int) -> SkmSummary:
    needed = minimum_sample(population)
    return SkmSummary(
        **result_view(result),
        population=population,
        minimum_sample=needed,
        sample_reached=result.responses >= needed and result.responses > 0,
        elements=[SkmElement(e.code, e.name, float(e.nrr),
                             format_decimal(e.nrr) if e.responses else "-", e.responses)
                  for e in result.elements],
    )


def _follow_up_view(row: SkmFollowUp) -> FollowUpView:
    return FollowUpView(row.element, ELEMENTS_BY_CODE[row.element].name, row.service_code,
                        row.plan, row.status, FOLLOW_UP_STATUSES.get(row.status, row.status))


def _distributions(counts: list[tuple[str, str, int, int]],
                   service: str | None) -> dict[str, list[int]]:
    result: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for service_code, element, value, count in counts:
        if (service is None or service_code == service) and 1 <= value <= 4:
            result[element][value - 1] += count
    return {code: result[code] for code in (e.code for e in ELEMENTS) if code in result}
