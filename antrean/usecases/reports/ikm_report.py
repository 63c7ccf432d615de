"""The IKM report of a period (and optionally one service), read from the survey answers."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from antrean.core.errors import invalid
from antrean.core.ikm import ELEMENTS_BY_CODE, IkmResult, compute_ikm, format_decimal
from antrean.core.respondent import AGE_BRACKETS, EDUCATION, OCCUPATIONS, SEXES, age_bracket
from antrean.db.survey_models import SurveyAnswer, SurveyResponse
from antrean.usecases.context import Office
from antrean.usecases.queue.ticket_view import service_name

WEAKEST_COUNT = 3
RECENT_SUGGESTIONS = 20


def ikm_report(office: Office, first: date, last: date,
               service: str | None = None) -> dict[str, Any]:
    if service is not None and office.settings.service(service) is None:
        raise invalid("unknown_service", f"Layanan '{service}' tidak dikenal.")
    with office.transaction() as session:
        counts = _answer_counts(session, first, last, service)
        profiles = session.execute(_profile_counts(first, last, service)).all()
        suggestions = session.scalars(
            _responses(first, last, service)
            .where(SurveyResponse.suggestion.is_not(None)).limit(RECENT_SUGGESTIONS)
        ).all()
        overall = compute_ikm(_distributions(counts, None))
        by_service = {code for code, _, _, _ in counts}
        report = {
            "from": first.isoformat(),
            "to": last.isoformat(),
            "service": service,
            "service_name": service_name(office, service) if service else None,
            **result_view(overall),
            "elements": [_element_view(e) for e in overall.elements],
            "weakest": [_element_view(e) for e in overall.weakest(WEAKEST_COUNT)]
            if overall.ikm is not None else [],
            "services": [
                {"service": s.code, "name": s.name,
                 **result_view(compute_ikm(_distributions(counts, s.code)))}
                for s in office.settings.services
                if (service is None or s.code == service) and s.code in by_service
            ],
            "profile": _profile([(r.sex, r.age, r.education, r.occupation, int(r.respondents))
                                 for r in profiles]),
            "suggestions": [
                {"day": r.local_day.isoformat(), "day_label": f"{r.local_day:%d/%m/%Y}",
                 "service": service_name(office, r.service_code),
                 "text": r.suggestion} for r in suggestions
            ],
        }
    return report


def result_view(result: IkmResult) -> dict[str, Any]:
    return {
        "responses": result.responses,
        "ikm": float(result.ikm) if result.ikm is not None else None,
        "ikm_label": format_decimal(result.ikm) if result.ikm is not None else None,
        "grade": result.grade.letter if result.grade else None,
        "grade_label": result.grade.label if result.grade else None,
    }


def _element_view(score: Any) -> dict[str, Any]:
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


def _answer_counts(session: Session, first: date, last: date,
                   service: str | None) -> list[tuple[str, str, int, int]]:
    """(service, element, value, how many) for the period."""
    query = (
        select(SurveyResponse.service_code, SurveyAnswer.element, SurveyAnswer.value,
               func.count())
        .join(SurveyResponse, SurveyResponse.id == SurveyAnswer.response_id)
        .where(SurveyResponse.local_day >= first, SurveyResponse.local_day <= last)
        .group_by(SurveyResponse.service_code, SurveyAnswer.element, SurveyAnswer.value)
    )
    if service is not None:
        query = query.where(SurveyResponse.service_code == service)
    return [(s, e, int(v), int(n)) for s, e, v, n in session.execute(query).all()]


def _responses(first: date, last: date, service: str | None) -> Select[SurveyResponse]:
    query = (select(SurveyResponse)
             .where(SurveyResponse.local_day >= first, SurveyResponse.local_day <= last)
             .order_by(SurveyResponse.submitted_at.desc(), SurveyResponse.id.desc()))
    if service is not None:
        query = query.where(SurveyResponse.service_code == service)
    return query


def _profile_counts(first: date, last: date,
                    service: str | None) -> Select[str, int, str, str, int]:
    """How many respondents per (sex, age, education, occupation): small, whatever the size."""
    query = (select(SurveyResponse.sex, SurveyResponse.age, SurveyResponse.education,
                    SurveyResponse.occupation, func.count().label("respondents"))
             .where(SurveyResponse.local_day >= first, SurveyResponse.local_day <= last)
             .group_by(SurveyResponse.sex, SurveyResponse.age, SurveyResponse.education,
                       SurveyResponse.occupation))
    if service is not None:
        query = query.where(SurveyResponse.service_code == service)
    return query


def _distributions(counts: list[tuple[str, str, int, int]],
                   service: str | None) -> dict[str, list[int]]:
    result: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for service_code, element, value, count in counts:
        if (service is None or service_code == service) and 1 <= value <= 4:
            result[element][value - 1] += count
    return dict(result)


def _profile(rows: list[tuple[str, int, str, str, int]]) -> dict[str, list[dict[str, Any]]]:
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
               total: int) -> list[dict[str, Any]]:
    return [
        {"key": key, "label": label, "count": counts.get(key, 0),
         "share_label": format_decimal(Decimal(100 * counts.get(key, 0)) / total, 1)
         if total else "0,0"}
        for key, label in labels.items()
    ]

