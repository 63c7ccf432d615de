"""The SKM survey: finished tickets only, one response per ticket, and the IKM report."""

from concurrent.futures import ThreadPoolExecutor
from datetime import date
from typing import Any

import pytest
from sqlalchemy import func, select

from antrean.core.errors import DomainError
from antrean.core.ikm import ELEMENT_CODES
from antrean.core.respondent import Respondent, parse_respondent
from antrean.db.survey_models import SurveyAnswer, SurveyResponse
from antrean.usecases.context import Office
from antrean.usecases.feedback.survey import submit_survey, survey_target, tablet_ticket
from antrean.usecases.queue import calling, serving
from antrean.usecases.queue.issuing import issue_ticket
from antrean.usecases.reports.ikm_report import ikm_report
from tests.conftest import OfficeFactory

PERSON = Respondent(sex="P", age=34, education="sma", occupation="wirausaha")
ALL_THREES = {code: 3 for code in ELEMENT_CODES}


def finished_ticket(office: Office, counter: int = 1, service: str = "KTP") -> str:
    ticket = issue_ticket(office, service)
    called = calling.call_next(office, counter, None)
    assert called is not None and called["id"] == ticket["id"]
    serving.start(office, ticket["id"], None)
    serving.finish(office, ticket["id"], None)
    return str(ticket["id"])


def test_a_ticket_still_waiting_or_being_served_cannot_be_surveyed(
        make_office: OfficeFactory, sqlite_url: str) -> None:
    office, _, _ = make_office(sqlite_url)
    ticket = issue_ticket(office, "KTP")
    for step in (None, "call", "start"):
        if step == "call":
            calling.call_next(office, 1, None)
        elif step == "start":
            serving.start(office, ticket["id"], None)
        with pytest.raises(DomainError) as error:
            submit_survey(office, ticket["id"], ALL_THREES, PERSON, "link")
        assert error.value.code == "survey_not_ready"
    assert survey_target(office, ticket["id"]).done is False


def test_a_second_response_for_the_same_ticket_is_refused(make_office: OfficeFactory,
                                                          sqlite_url: str) -> None:
    office, _, _ = make_office(sqlite_url)
    ticket_id = finished_ticket(office)
    submit_survey(office, ticket_id, ALL_THREES, PERSON, "link")
    with pytest.raises(DomainError) as error:
        submit_survey(office, ticket_id, {code: 1 for code in ELEMENT_CODES}, PERSON, "loket")
    assert error.value.message == "Terima kasih, survei untuk tiket ini sudah diisi"
    assert survey_target(office, ticket_id).answered is True


def test_concurrent_submits_for_one_ticket_store_exactly_one(make_office: OfficeFactory,
                                                             database_url: str) -> None:
    office, _, _ = make_office(database_url)
    ticket_id = finished_ticket(office)

    def submit(_: int) -> str:
        try:
            submit_survey(office, ticket_id, ALL_THREES, PERSON, "link")
            return "stored"
        except DomainError as error:
            return error.code

    with ThreadPoolExecutor(8) as pool:
        outcomes = list(pool.map(submit, range(16)))
    assert outcomes.count("stored") == 1
    assert set(outcomes) == {"stored", "survey_already_filled"}
    with office.sessions() as session:
        assert session.scalar(select(func.count()).select_from(SurveyResponse)) == 1
        assert session.scalar(select(func.count()).select_from(SurveyAnswer)) == 9


def test_the_database_refuses_a_second_response_row_on_its_own(make_office: OfficeFactory,
                                                               database_url: str) -> None:
    office, _, _ = make_office(database_url)
    ticket_id = finished_ticket(office)
    submit_survey(office, ticket_id, ALL_THREES, PERSON, "link")
    with office.sessions() as session:
        first = session.scalars(select(SurveyResponse)).one()
        copy = SurveyResponse(**{c: getattr(first, c) for c in (
            "ticket_id", "service_code", "counter_number", "local_day", "submitted_at",
            "channel", "sex", "age", "education", "occupation")})
        session.add(copy)
        with pytest.raises(Exception, match="(?i)unique"):
            session.commit()


def test_answers_are_kept_by_element_code(make_office: OfficeFactory, sqlite_url: str) -> None:
    office, _, _ = make_office(sqlite_url)
    ticket_id = finished_ticket(office)
    answers = {code: (i % 4) + 1 for i, code in enumerate(ELEMENT_CODES)}
    submit_survey(office, ticket_id, answers, PERSON, "link")
    with office.sessions() as session:
        stored = {a.element: a.value for a in session.scalars(select(SurveyAnswer))}
    assert stored == answers


def test_incomplete_answers_store_nothing(make_office: OfficeFactory, sqlite_url: str) -> None:
    office, _, _ = make_office(sqlite_url)
    ticket_id = finished_ticket(office)
    partial = {code: 3 for code in ELEMENT_CODES[:8]}
    with pytest.raises(DomainError) as error:
        submit_survey(office, ticket_id, partial, PERSON, "link")
    assert error.value.code == "incomplete_answers"
    assert survey_target(office, ticket_id).answered is False


def test_the_profile_is_validated_field_by_field() -> None:
    good = {"sex": "L", "age": "61", "education": "s1", "occupation": "pns"}
    assert parse_respondent(good).age == 61
    for field, bad in (("sex", "X"), ("age", "abc"), ("age", "5"), ("education", ""),
                       ("occupation", "raja")):
        with pytest.raises(DomainError):
            parse_respondent({**good, field: bad})


def test_the_tablet_shows_the_latest_finished_ticket_of_its_loket_until_answered(
        make_office: OfficeFactory, sqlite_url: str) -> None:
    office, clock, _ = make_office(sqlite_url)
    assert tablet_ticket(office, 1) is None
    first = finished_ticket(office, counter=1)
    other_loket = finished_ticket(office, counter=3, service="AKTA")
    shown = tablet_ticket(office, 1)
    assert shown is not None and shown.id == first
    clock.advance(minutes=2)
    second = finished_ticket(office, counter=1)
    shown = tablet_ticket(office, 1)
    assert shown is not None and shown.id == second
    submit_survey(office, second, ALL_THREES, PERSON, "loket")
    assert tablet_ticket(office, 1) is None
    shown = tablet_ticket(office, 3)
    assert shown is not None and shown.id == other_loket
    clock.advance(minutes=31)
    assert tablet_ticket(office, 3) is None  # the citizen has long gone


WORKED_EXAMPLE = {  # ten respondents whose NRR are 3,20 3,10 2,90 4,00 3,30 3,40 3,50 3,00 3,10
    "U1": (0, 2, 4, 4), "U2": (0, 2, 5, 3), "U3": (0, 3, 5, 2), "U4": (0, 0, 0, 10),
    "U5": (0, 1, 5, 4), "U6": (0, 1, 4, 5), "U7": (0, 0, 5, 5), "U8": (0, 2, 6, 2),
    "U9": (0, 2, 5, 3),
}


def worked_example_answers() -> list[dict[str, int]]:
    """Spread the counts over ten answer sheets."""
    sheets: list[dict[str, int]] = [{} for _ in range(10)]
    for code, counts in WORKED_EXAMPLE.items():
        values = [v for v, n in zip((1, 2, 3, 4), counts, strict=True) for _ in range(n)]
        for sheet, value in zip(sheets, values, strict=True):
            sheet[code] = value
    return sheets


def test_the_report_gives_the_worked_example_ikm_81_94_grade_b(make_office: OfficeFactory,
                                                                database_url: str) -> None:
    office, _, _ = make_office(database_url)
    for i, answers in enumerate(worked_example_answers()):
        person = Respondent(sex="L" if i < 6 else "P", age=20 + 5 * i, education="sma",
                            occupation="swasta", suggestion="Tambah kursi" if i == 0 else None)
        submit_survey(office, finished_ticket(office), answers, person, "link")
    report: dict[str, Any] = ikm_report(office, date(2026, 11, 23), date(2026, 11, 23))
    assert report["responses"] == 10
    assert report["ikm_label"] == "81,94" and report["ikm"] == 81.94
    assert (report["grade"], report["grade_label"]) == ("B", "Baik")
    assert [e["nrr_label"] for e in report["elements"]] == [
        "3,20", "3,10", "2,90", "4,00", "3,30", "3,40", "3,50", "3,00", "3,10"]
    assert [e["code"] for e in report["weakest"]] == ["U3", "U8", "U2"]
    sexes = {row["key"]: row["count"] for row in report["profile"]["sex"]}
    assert sexes == {"L": 6, "P": 4}
    assert report["services"][0]["service"] == "KTP"
    assert report["suggestions"][0]["text"] == "Tambah kursi"
    assert ikm_report(office, date(2026, 11, 23), date(2026, 11, 23), "KK")["ikm"] is None
    assert ikm_report(office, date(2026, 11, 24), date(2026, 11, 24))["responses"] == 0
