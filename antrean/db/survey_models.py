"""Satisfaction survey (SKM) responses: one per finished ticket, answers by element code."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from antrean.db.models import Base
from antrean.db.types import UtcDateTime


class SurveyResponse(Base):
    """Anonymous: the ticket links the answer to a service, not to a person."""

    __tablename__ = "survey_responses"
    __table_args__ = (
        # One response per ticket, whatever the application does (two tabs, a double tap).
        UniqueConstraint("ticket_id", name="uq_survey_response_ticket"),
        Index("ix_survey_responses_day", "local_day", "service_code"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id"))
    service_code: Mapped[str] = mapped_column(String(32))
    counter_number: Mapped[int | None] = mapped_column(Integer)
    local_day: Mapped[date] = mapped_column(Date)  # office-local day of the answer
    submitted_at: Mapped[datetime] = mapped_column(UtcDateTime)
    channel: Mapped[str] = mapped_column(String(16))  # "loket" (tablet) or "link" (QR)
    sex: Mapped[str] = mapped_column(String(16))
    age: Mapped[int] = mapped_column(Integer)
    education: Mapped[str] = mapped_column(String(16))
    occupation: Mapped[str] = mapped_column(String(32))
    suggestion: Mapped[str | None] = mapped_column(Text)

    answers: Mapped[list[SurveyAnswer]] = relationship(
        back_populates="response", order_by="SurveyAnswer.element"
    )


class SurveyAnswer(Base):
    """One element's answer, 1..4, stored by its code (U1..U9), never by position."""

    __tablename__ = "survey_answers"
    __table_args__ = (
        UniqueConstraint("response_id", "element", name="uq_survey_answer_element"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    response_id: Mapped[int] = mapped_column(ForeignKey("survey_responses.id"))
    element: Mapped[str] = mapped_column(String(8))
    value: Mapped[int] = mapped_column(Integer)

    response: Mapped[SurveyResponse] = relationship(back_populates="answers")
