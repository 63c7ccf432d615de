"""The survey pages: QR link page, refusals, and the paired loket tablet."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from antrean.core.access import Role
from tests.support.app import AppFactory, AppUnderTest, csrf_from

PROFILE = {"sex": "L", "age": "45", "education": "s1", "occupation": "pns"}


@pytest.fixture
def office(app_under_test: AppUnderTest) -> AppUnderTest:
    app_under_test.add_user("siti", Role.PETUGAS)
    return app_under_test


def served_ticket(office: AppUnderTest, counter: int = 1, finish: bool = True) -> str:
    return office.served_ticket(office.bearer("siti"), counter=counter, finish=finish)


def answers(value: int = 3) -> dict[str, str]:
    return {f"U{i}": str(value) for i in range(1, 10)}


def post_survey(web: FlaskClient, ticket_id: str, form: dict[str, str]) -> TestResponse:
    token = csrf_from(web.get(f"/survei/{ticket_id}").text)
    return web.post(f"/survei/{ticket_id}", data={**form, "csrf_token": token},
                    follow_redirects=True)


def test_the_qr_page_takes_one_response_and_thanks_a_second_try(office: AppUnderTest) -> None:
    ticket_id = served_ticket(office)
    web = office.client()
    page = web.get(f"/survei/{ticket_id}")
    assert "Sangat sopan dan ramah" in page.text and "A-001" in page.text
    first = post_survey(web, ticket_id, {**answers(), **PROFILE})
    assert first.status_code == 200 and "Terima kasih!" in first.text
    again = web.get(f"/survei/{ticket_id}")
    assert "Terima kasih, survei untuk tiket ini sudah diisi" in again.text
    other_tab = office.client()
    token = csrf_from(other_tab.get("/console/login").text)
    late = other_tab.post(f"/survei/{ticket_id}",
                          data={**answers(1), **PROFILE, "csrf_token": token})
    assert late.status_code == 409
    assert "Terima kasih, survei untuk tiket ini sudah diisi" in late.text


def test_a_ticket_still_being_served_cannot_be_surveyed(office: AppUnderTest) -> None:
    ticket_id = served_ticket(office, finish=False)
    web = office.client()
    page = web.get(f"/survei/{ticket_id}")
    assert "Survei belum dapat diisi" in page.text
    assert 'name="U1"' not in page.text
    token = csrf_from(web.get("/console/login").text)
    refused = web.post(f"/survei/{ticket_id}", data={**answers(), **PROFILE, "csrf_token": token})
    assert refused.status_code == 409
    assert "Survei belum dapat diisi" in refused.text


def test_a_missing_answer_keeps_what_was_chosen(office: AppUnderTest) -> None:
    ticket_id = served_ticket(office)
    form = {**answers(4), **PROFILE}
    del form["U7"]
    response = post_survey(office.client(), ticket_id, form)
    assert response.status_code == 422
    assert "Jawab kesembilan pertanyaan survei." in response.text
    assert 'value="45"' in response.text
    assert response.text.count("checked") == 8 + 1  # eight answers and the sex


def test_an_unknown_ticket_is_not_found(office: AppUnderTest) -> None:
    response = office.client().get("/survei/tidak-ada-tiket")
    assert response.status_code == 404
    assert "Tiket tidak ditemukan" in response.text


def test_the_loket_tablet_must_be_paired_by_staff_and_keeps_no_staff_rights(
        office: AppUnderTest) -> None:
    stranger = office.client()
    assert stranger.get("/survei/loket/1").status_code == 403
    assert stranger.get("/survei/loket/1/status").status_code == 403
    tablet = office.signed_in("siti")
    form = tablet.get("/survei/loket/1/pasangkan")
    paired = tablet.post("/survei/loket/1/pasangkan", data={"csrf_token": csrf_from(form.text)})
    assert paired.status_code == 302
    del tablet.environ_base["HTTP_X_CSRF_TOKEN"]  # the staff session's token went with it
    # The petugas session is gone from the tablet.
    assert tablet.post("/api/v1/counters/1/call-next",
                       headers={"X-CSRF-Token": ""}).status_code in (401, 403)
    idle = tablet.get("/survei/loket/1")
    assert "luangkan satu menit" in idle.text
    assert tablet.get("/survei/loket/1/status").get_json() == {"ticket": None}
    ticket_id = served_ticket(office, counter=1)
    assert tablet.get("/survei/loket/1/status").get_json() == {"ticket": ticket_id}
    shown = tablet.get("/survei/loket/1")
    assert f'action="/survei/{ticket_id}"' in shown.text
    done = tablet.post(f"/survei/{ticket_id}", data={
        **answers(), **PROFILE, "loket": "1", "csrf_token": csrf_from(shown.text)})
    assert done.headers["Location"] == "/survei/loket/1?terima_kasih=1"
    assert tablet.get("/survei/loket/1/status").get_json() == {"ticket": None}
    # Another loket's tablet is not this one.
    assert tablet.get("/survei/loket/2").status_code == 403


def test_simultaneous_submits_over_http_keep_one_response(make_app: AppFactory,
                                                          database_url: str) -> None:
    office = make_app(database_url)
    office.add_user("siti", Role.PETUGAS)
    for _ in range(3):  # three tickets, each raced for: enough for the submits to overlap
        ticket_id = served_ticket(office)
        tabs = []
        for _ in range(6):  # six phones opened the same QR code
            web = office.client()
            tabs.append((web, csrf_from(web.get(f"/survei/{ticket_id}").text)))
        barrier = threading.Barrier(len(tabs))

        def send(tab: tuple[FlaskClient, str], ticket_id: str = ticket_id,
                 barrier: threading.Barrier = barrier) -> int:
            web, token = tab
            barrier.wait(timeout=10)
            return web.post(f"/survei/{ticket_id}",
                            data={**answers(), **PROFILE, "csrf_token": token}).status_code

        with ThreadPoolExecutor(len(tabs)) as pool:
            statuses = sorted(pool.map(send, tabs))
        assert statuses == [200, 409, 409, 409, 409, 409]
    report = office.client().get("/api/v1/ikm", headers=office.bearer("siti")).get_json()
    assert report["responses"] == 3
