"""The survey pages on a live server: QR link page, refusals, and the paired loket tablet."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from tests.support.live_server import PASSWORD, LiveServer, csrf_from

PROFILE = {"sex": "L", "age": "45", "education": "s1", "occupation": "pns"}


@pytest.fixture
def server(start_server: Callable[..., LiveServer]) -> LiveServer:
    return start_server().with_users(siti="petugas")


def served_ticket(server: LiveServer, counter: int = 1, finish: bool = True) -> str:
    staff = server.login("siti", PASSWORD)
    ticket = requests.post(f"{server.url}/api/v1/tickets", json={"service": "KTP"},
                           timeout=10).json()
    called = requests.post(f"{server.url}/api/v1/counters/{counter}/call-next", headers=staff,
                           timeout=10)
    assert called.json()["id"] == ticket["id"]
    requests.post(f"{server.url}/api/v1/tickets/{ticket['id']}/start", headers=staff,
                  timeout=10).raise_for_status()
    if finish:
        requests.post(f"{server.url}/api/v1/tickets/{ticket['id']}/finish", headers=staff,
                      timeout=10).raise_for_status()
    return str(ticket["id"])


def answers(value: int = 3) -> dict[str, str]:
    return {f"U{i}": str(value) for i in range(1, 10)}


def post_survey(web: requests.Session, server: LiveServer, ticket_id: str,
                form: dict[str, str]) -> requests.Response:
    page = web.get(f"{server.url}/survei/{ticket_id}", timeout=10)
    token = csrf_from(page.text)
    return web.post(f"{server.url}/survei/{ticket_id}", timeout=10,
                    data={**form, "csrf_token": token})


def test_the_qr_page_takes_one_response_and_thanks_a_second_try(server: LiveServer) -> None:
    ticket_id = served_ticket(server)
    web = requests.Session()
    page = web.get(f"{server.url}/survei/{ticket_id}", timeout=10)
    assert "Sangat sopan dan ramah" in page.text and "A-001" in page.text
    first = post_survey(web, server, ticket_id, {**answers(), **PROFILE})
    assert first.status_code == 200 and "Terima kasih!" in first.text
    again = web.get(f"{server.url}/survei/{ticket_id}", timeout=10)
    assert "Terima kasih, survei untuk tiket ini sudah diisi" in again.text
    other_tab = requests.Session()
    token = csrf_from(other_tab.get(f"{server.url}/console/login", timeout=10).text)
    late = other_tab.post(f"{server.url}/survei/{ticket_id}", timeout=10,
                          data={**answers(1), **PROFILE, "csrf_token": token})
    assert late.status_code == 409
    assert "Terima kasih, survei untuk tiket ini sudah diisi" in late.text


def test_a_ticket_still_being_served_cannot_be_surveyed(server: LiveServer) -> None:
    ticket_id = served_ticket(server, finish=False)
    web = requests.Session()
    page = web.get(f"{server.url}/survei/{ticket_id}", timeout=10)
    assert "Survei belum dapat diisi" in page.text
    assert 'name="U1"' not in page.text
    token = csrf_from(web.get(f"{server.url}/console/login", timeout=10).text)
    refused = web.post(f"{server.url}/survei/{ticket_id}", timeout=10,
                       data={**answers(), **PROFILE, "csrf_token": token})
    assert refused.status_code == 409
    assert "Survei belum dapat diisi" in refused.text


def test_a_missing_answer_keeps_what_was_chosen(server: LiveServer) -> None:
    ticket_id = served_ticket(server)
    form = {**answers(4), **PROFILE}
    del form["U7"]
    response = post_survey(requests.Session(), server, ticket_id, form)
    assert response.status_code == 422
    assert "Jawab kesembilan pertanyaan survei." in response.text
    assert 'value="45"' in response.text
    assert response.text.count("checked") == 8 + 1  # eight answers and the sex


def test_an_unknown_ticket_is_not_found(server: LiveServer) -> None:
    response = requests.get(f"{server.url}/survei/tidak-ada-tiket", timeout=10)
    assert response.status_code == 404
    assert "Tiket tidak ditemukan" in response.text


def test_the_loket_tablet_must_be_paired_by_staff_and_keeps_no_staff_rights(
        server: LiveServer) -> None:
    tablet = requests.Session()
    assert tablet.get(f"{server.url}/survei/loket/1", timeout=10).status_code == 403
    assert tablet.get(f"{server.url}/survei/loket/1/status", timeout=10).status_code == 403
    tablet = server.web_session("siti", PASSWORD)
    form = tablet.get(f"{server.url}/survei/loket/1/pasangkan", timeout=10)
    paired = tablet.post(f"{server.url}/survei/loket/1/pasangkan", timeout=10,
                         data={"csrf_token": csrf_from(form.text)}, allow_redirects=False)
    assert paired.status_code == 302
    del tablet.headers["X-CSRF-Token"]  # the staff session's token went with it
    # The petugas session is gone from the tablet.
    assert tablet.post(f"{server.url}/api/v1/counters/1/call-next", timeout=10,
                       headers={"X-CSRF-Token": ""}).status_code in (401, 403)
    idle = tablet.get(f"{server.url}/survei/loket/1", timeout=10)
    assert "luangkan satu menit" in idle.text
    assert tablet.get(f"{server.url}/survei/loket/1/status", timeout=10).json() == {
        "ticket": None}
    ticket_id = served_ticket(server, counter=1)
    assert tablet.get(f"{server.url}/survei/loket/1/status", timeout=10).json() == {
        "ticket": ticket_id}
    shown = tablet.get(f"{server.url}/survei/loket/1", timeout=10)
    assert f'action="/survei/{ticket_id}"' in shown.text
    done = tablet.post(f"{server.url}/survei/{ticket_id}", timeout=10, allow_redirects=False,
                       data={**answers(), **PROFILE, "loket": "1",
                             "csrf_token": csrf_from(shown.text)})
    assert done.headers["Location"] == "/survei/loket/1?terima_kasih=1"
    assert tablet.get(f"{server.url}/survei/loket/1/status", timeout=10).json() == {
        "ticket": None}
    # Another loket's tablet is not this one.
    assert tablet.get(f"{server.url}/survei/loket/2", timeout=10).status_code == 403


def test_simultaneous_submits_over_http_keep_one_response(
        start_server: Callable[..., LiveServer], database_url: str) -> None:
    server = start_server(database_url=database_url)
    server.create_user("siti", PASSWORD, "petugas")
    ticket_id = served_ticket(server)
    tabs = []
    for _ in range(6):  # six phones opened the same QR code
        web = requests.Session()
        tabs.append((web, csrf_from(web.get(f"{server.url}/survei/{ticket_id}", timeout=10).text)))

    def send(tab: tuple[requests.Session, str]) -> int:
        web, token = tab
        return web.post(f"{server.url}/survei/{ticket_id}", timeout=20,
                        data={**answers(), **PROFILE, "csrf_token": token}).status_code

    with ThreadPoolExecutor(len(tabs)) as pool:
        statuses = sorted(pool.map(send, tabs))
    assert statuses == [200, 409, 409, 409, 409, 409]
    staff = server.login("siti", PASSWORD)
    report = requests.get(f"{server.url}/api/v1/ikm", headers=staff, timeout=10).json()
    assert report["responses"] == 1
