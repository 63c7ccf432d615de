"""The IKM report of a period (and optionally one service), read from the survey answers.

The report is sent as JSON (GET /api/v1/ikm) and drawn by /admin/ikm and its XLSX; the
shapes below are its. `IkmFigures` is also the IKM of the SKM publication and of each row of
the agencies side by side."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection
from datetime import date
from decimal import Decimal
from typing import TypedDict

from antrean.core.errors import invalid
from antrean.core.ikm import (
    ELEMENTS_BY_CODE,
    ElementScore,
    IkmResult,
    compute_ikm,
    format_decimal,
)
from antrean.core.respondent import AGE_BRACKETS, EDUCATION, OCCUPATIONS, SEXES, age_bracket
from antrean.db import survey_queries
from antrean.usecases.agency_scope import agency_name, services_in
from antrean.usecases.context import Office
from antrean.usecases.queue.ticket_view import service_name

WEAKEST_COUNT = 3
RECENT_SUGGESTIONS = 20


class IkmFigures(TypedDict):
    """An IKM with its grade; every value None while nobody answered."""

    responses: int
    ikm: float | None
    ikm_label: str | None  # "81,94"
    grade: str | None  # "B"
    grade_label: str | None  # "Baik"


class IkmElement(TypedDict):
    """One element (unsur) of the survey: its mean answer and how the answers spread."""

    code: str
    name: str
    responses: int
    nrr: float
    nrr_label: str
    weighted_label: str  # the NRR x 25: the element on the IKM's 25-100 scale
    distribution: list[int]  # how many answered 1, 2, 3, 4
    labels: list[str]  # what 1..4 mean for this element


class IkmServiceRow(IkmFigures):
    service: str
    name: str


class ProfileShare(TypedDict):
    """How many respondents fall in one category (a sex, an age bracket...)."""

    key: str
    label: str
    count: int
    share_label: str  # percent, "12,5"


class RespondentProfile(TypedDict):
    sex: list[ProfileShare]
    age: list[ProfileShare]
    education: list[ProfileShare]
    occupation: list[ProfileShare]


class Suggestion(TypedDict):
    day: str
    day_label: str
    service: str  # the service's name
    text: str | None  # never None in practice: only written suggestions are read


# "from" is a Python keyword: the class syntax cannot declare it.
IkmPeriod = TypedDict("IkmPeriod", {
    "from": str,
    "to": str,
    "service": str | None,
    "service_name": str | None,
    "agency": str | None,
    "agency_name": str | None,
})


class IkmReport(IkmPeriod, IkmFigures):
    """The IKM of a period (GET /api/v1/ikm, /admin/ikm and its XLSX)."""

    elements: list[IkmElement]
    weakest: list[IkmElement]
    services: list[IkmServiceRow]
    profile: RespondentProfile
    suggestions: list[Suggestion]


def ikm_report(office: Office, first: date, last: date, service: str | None = None,
               agency: str | None = None) -> IkmReport:
    """The IKM of the whole office, of one agency's services, or of one service."""
    if service is not None and office.settings.service(service) is None:
        raise invalid("unknown_service", f"Layanan '{service}' tidak dikenal.")
    services = services_in(office, agency, service)
    with office.transaction() as session:
        counts = survey_queries.answer_counts(session, first, last, services)
        profiles = survey_queries.profile_counts(session, first, last, services)
        suggestions = survey_queries.recent_suggestions(session, first, last, services,
                                                        RECENT_SUGGESTIONS)
        overall = compute_ikm(answer_distributions(counts, None))
        by_service = {code for code, _, _, _ in counts}
        report: IkmReport = {
            "from": first.isoformat(),
            "to": last.isoformat(),
            "service": service,
            "service_name": service_name(office, service) if service else None,
            "agency": agency,
            # In an MPP an agency is a unit of service of its own: its survey, its name.
            "agency_name": agency_name(office, agency),
            **result_view(overall),
            "elements": [_element_view(e) for e in overall.elements],
            "weakest": [_element_view(e) for e in overall.weakest(WEAKEST_COUNT)]
            if overall.ikm is not None else [],
            "services": [
                {"service": s.code, "name": s.name,
                 **result_view(compute_ikm(answer_distributions(counts, {s.code})))}
                for s in office.settings.services
                if (services is None or s.code in services) and s.code in by_service
            ],
            "profile": _profile(profiles),
            "suggestions": [
                {"day": r.local_day.isoformat(), "day_label": f"{r.local_day:%d/%m/%Y}",
                 "service": service_name(office, r.service_code),
                 "text": r.suggestion} for r in suggestions
            ],
        }
    return report


def result_view(result: IkmResult) -> IkmFigures:
    return {
        "responses": result.responses,
        "ikm": float(result.ikm) if result.ikm is not None else None,
        "ikm_label": format_decimal(result.ikm) if result.ikm is not None else None,
        "grade": result.grade.letter if result.grade else None,
        "grade_label": result.grade.label if result.grade else None,
    }


def _element_view(score: ElementScore) -> IkmElement:
    return {
        "code": score.code,
        "name": score.name,
        "responses": score.responses,
        "nrr": float(score.nrr),
        "nrr_label": format_decimal(score.nrr, 2),
        "weighted_label": format_decimal(score.nrr * 25, 2),
        "distribution": list(score.distribution),
        "labels": list(ELEMENTS_BY_CODE[score.code].labels),
    }


def answer_distributions(counts: list[tuple[str, str, int, int]],
                         services: Collection[str] | None) -> dict[str, list[int]]:
    """How many answered 1..4 per element, over every service (None) or these."""
    result: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for service_code, element, value, count in counts:
        if (services is None or service_code in services) and 1 <= value <= 4:
            result[element][value - 1] += count
    return dict(result)


def _profile(rows: list[tuple[str, int, str, str, int]]) -> RespondentProfile:
    sexes: Counter[str] = Counter()
    ages: Counter[str] = Counter()
    education: Counter[str] = Counter()
    occupations: Counter[str] = Counter()
    for sex, age, school, work, count in rows:
        sexes[sex] += count
        ages[age_bracket(age)] += count
        education[school] += count
        occupations[work] += count
    total = sum(r[4] for r in rows)
    return {
        "sex": _breakdown(sexes, SEXES, total),
        "age": _breakdown(ages, {label: label for label, _, _ in AGE_BRACKETS}, total),
        "education": _breakdown(education, EDUCATION, total),
        "occupation": _breakdown(occupations, OCCUPATIONS, total),
    }


def _breakdown(counts: Counter[str], labels: dict[str, str],
               total: int) -> list[ProfileShare]:
    return [
        {"key": key, "label": label, "count": counts.get(key, 0),
         "share_label": format_decimal(Decimal(100 * counts.get(key, 0)) / total, 1)
         if total else "0,0"}
        for key, label in labels.items()
    ]

