"""Queries on survey (SKM) responses and their answers. Each takes the caller's session; none
commits."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date, datetime

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from antrean.core.ticket import TicketStatus
from antrean.db.models import Ticket
from antrean.db.survey_models import SurveyAnswer, SurveyResponse


def response_for(session: Session, ticket_id: int) -> SurveyResponse | None:
    return session.scalars(
        select(SurveyResponse).where(SurveyResponse.ticket_id == ticket_id)
    ).first()


def last_finished_at(session: Session, counter_number: int, since: datetime) -> Ticket | None:
    """The ticket a loket finished last, if it finished since then: the tablet's question."""
    return session.scalars(
        select(Ticket).where(
            Ticket.counter_number == counter_number,
            Ticket.status == TicketStatus.DONE.value,
            Ticket.finished_at >= since,
        ).order_by(Ticket.finished_at.desc(), Ticket.id.desc()).limit(1)
    ).first()


def answer_counts(session: Session, first: date, last: date,
                  services: Collection[str] | None) -> list[tuple[str, str, int, int]]:
    """(service, element, value, how many) for the period, of every service or of these."""
    query = (
        select(SurveyResponse.service_code, SurveyAnswer.element, SurveyAnswer.value,
               func.count())
        .join(SurveyResponse, SurveyResponse.id == SurveyAnswer.response_id)
        .where(*_in_period(first, last, services))
        .group_by(SurveyResponse.service_code, SurveyAnswer.element, SurveyAnswer.value)
    )
    return [(s, e, int(v), int(n)) for s, e, v, n in session.execute(query).all()]


def recent_suggestions(session: Session, first: date, last: date,
                       services: Collection[str] | None,
                       limit: int) -> Sequence[SurveyResponse]:
    """Responses with a written suggestion, newest first."""
    query = (select(SurveyResponse)
             .where(*_in_period(first, last, services), SurveyResponse.suggestion.is_not(None))
             .order_by(SurveyResponse.submitted_at.desc(), SurveyResponse.id.desc())
             .limit(limit))
    return session.scalars(query).all()


def profile_counts(session: Session, first: date, last: date,
                   services: Collection[str] | None) -> list[tuple[str, int, str, str, int]]:
    """Respondents per (sex, age, education, occupation): small, whatever the size."""
    query = (select(SurveyResponse.sex, SurveyResponse.age, SurveyResponse.education,
                    SurveyResponse.occupation, func.count().label("respondents"))
             .where(*_in_period(first, last, services))
             .group_by(SurveyResponse.sex, SurveyResponse.age, SurveyResponse.education,
                       SurveyResponse.occupation))
    return [(r.sex, r.age, r.education, r.occupation, int(r.respondents))
            for r in session.execute(query).all()]


def _in_period(first: date, last: date,
               services: Collection[str] | None) -> list[ColumnElement[bool]]:
    conditions = [SurveyResponse.local_day >= first, SurveyResponse.local_day <= last]
    if services is not None:
        conditions.append(SurveyResponse.service_code.in_(sorted(services)))
    return conditions
