"""The satisfaction survey (SKM): who may answer, and keeping one response per ticket.

Only the survey pages read a ticket's target (SurveyTarget): a frozen dataclass.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from antrean.core.errors import DomainError, conflict, invalid, not_found, refused
from antrean.core.ikm import ELEMENT_CODES, check_answers
from antrean.core.respondent import Respondent
from antrean.core.ticket import TicketStatus
from antrean.db import queries, survey_queries
from antrean.db.models import Ticket
from antrean.db.survey_models import SurveyAnswer, SurveyResponse
from antrean.usecases.context import Office
from antrean.usecases.queue.ticket_view import service_name

CHANNELS = ("loket", "link")
ALREADY_FILLED = "Terima kasih, survei untuk tiket ini sudah diisi"
# The loket tablet offers a finished ticket for this long; later the citizen has gone.
TABLET_WINDOW = timedelta(minutes=30)


@dataclass(frozen=True)
class SurveyTarget:
    """The ticket a survey is about, and whether it can be answered now."""

    id: str  # the ticket's public id
    number: str
    service: str
    service_name: str
    counter: int | None
    finished_at: datetime | None
    finished_label: str | None
    done: bool
    answered: bool


def survey_target(office: Office, public_id: str) -> SurveyTarget:
    """What the survey page shows about a ticket, and whether it can be answered now."""
    with office.transaction() as session:
        ticket = _ticket(session, public_id)
        answered = _response_for(session, ticket.id) is not None
        return _target_view(office, ticket, answered)


def submit_survey(office: Office, public_id: str, answers: Mapping[str, int],
                  respondent: Respondent, channel: str) -> None:
    """Store one response for a finished ticket; a second one is refused, also in a race."""
    try:
        check_answers(answers)
    except ValueError as exc:
        raise invalid("incomplete_answers", "Jawab kesembilan pertanyaan survei.") from exc
    if channel not in CHANNELS:
        raise invalid("invalid_channel", "Saluran survei tidak dikenal.")
    now = office.now()
    try:
        with office.transaction() as session:
            ticket = _ticket(session, public_id, lock=True)
            _check_answerable(session, ticket)
            response = SurveyResponse(
                ticket_id=ticket.id, service_code=ticket.service_code,
                counter_number=ticket.counter_number, local_day=office.clock.local_day(now),
                submitted_at=now, channel=channel, sex=respondent.sex, age=respondent.age,
                education=respondent.education, occupation=respondent.occupation,
                suggestion=respondent.suggestion,
            )
            session.add(response)
            session.flush()
            session.add_all(SurveyAnswer(response_id=response.id, element=code,
                                         value=answers[code]) for code in ELEMENT_CODES)
    except IntegrityError as exc:
        # Two submits raced past the check (PostgreSQL without the row lock): the unique
        # constraint keeps the first.
        raise conflict("survey_already_filled", ALREADY_FILLED) from exc


def tablet_ticket(office: Office, counter_number: int) -> SurveyTarget | None:
    """The ticket the loket tablet asks about: the latest finished there, not yet answered."""
    if office.settings.counter(counter_number) is None:
        raise not_found("counter_not_found", "Loket tidak dikenal.")
    now = office.now()
    with office.transaction() as session:
        ticket = survey_queries.last_finished_at(session, counter_number, now - TABLET_WINDOW)
        if ticket is None or _response_for(session, ticket.id) is not None:
            return None
        return _target_view(office, ticket, answered=False)


def _ticket(session: Session, public_id: str, lock: bool = False) -> Ticket:
    ticket = queries.ticket_by_public_id(session, public_id, lock=lock)
    if ticket is None:
        raise not_found("ticket_not_found", "Tiket tidak ditemukan.")
    return ticket


def _response_for(session: Session, ticket_id: int) -> SurveyResponse | None:
    return survey_queries.response_for(session, ticket_id)


def _check_answerable(session: Session, ticket: Ticket) -> None:
    if ticket.status != TicketStatus.DONE:
        raise refused("survey_not_ready",
                      "Survei dapat diisi setelah pelayanan untuk tiket ini selesai.")
    if _response_for(session, ticket.id) is not None:
        raise conflict("survey_already_filled", ALREADY_FILLED)


def _target_view(office: Office, ticket: Ticket, answered: bool) -> SurveyTarget:
    return SurveyTarget(
        id=ticket.public_id,
        number=ticket.number,
        service=ticket.service_code,
        service_name=service_name(office, ticket.service_code),
        counter=ticket.counter_number,
        finished_at=ticket.finished_at,
        finished_label=(office.clock.format_time(ticket.finished_at)
                        if ticket.finished_at else None),
        done=ticket.status == TicketStatus.DONE,
        answered=answered,
    )


def is_already_filled(error: DomainError) -> bool:
    return error.code == "survey_already_filled"
