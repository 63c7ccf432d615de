"""POST /tickets with request_key, SQLite and PostgreSQL: one ticket per key, also when two
requests with one key arrive at once."""

import threading
import uuid
from concurrent.futures import ThreadPoolExecutor

from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from tests.support.app import AppFactory

ROUNDS = 20  # each a fresh key tapped twice at once; enough for the two to overlap


def issue(api: FlaskClient, key: str, service: str = "KTP") -> TestResponse:
    return api.post("/api/v1/tickets",
                    json={"service": service, "channel": "kiosk", "request_key": key})


def test_a_resent_request_key_answers_200_with_the_same_ticket(make_app: AppFactory,
                                                               database_url: str) -> None:
    api = make_app(database_url).client()
    key = str(uuid.uuid4())
    first, again = issue(api, key), issue(api, key)
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.get_json()["id"] == first.get_json()["id"]
    assert issue(api, "bad key!").get_json()["error"] == "invalid_request_key"
    assert issue(api, key, "KK").status_code == 409


def test_two_concurrent_requests_with_one_key_issue_one_ticket(make_app: AppFactory,
                                                               database_url: str) -> None:
    office = make_app(database_url)
    for _ in range(ROUNDS):
        key = str(uuid.uuid4())
        barrier = threading.Barrier(2)

        def tap(key: str = key, barrier: threading.Barrier = barrier) -> TestResponse:
            api = office.client()  # each kiosk request on its own thread and connection
            barrier.wait(timeout=10)
            return issue(api, key)

        with ThreadPoolExecutor(2) as pool:
            answers = [f.result() for f in [pool.submit(tap), pool.submit(tap)]]
        assert sorted(a.status_code for a in answers) == [200, 201]
        assert answers[0].get_json()["id"] == answers[1].get_json()["id"]
    services = office.client().get("/api/v1/services").get_json()
    assert next(s for s in services if s["code"] == "KTP")["issued_today"] == ROUNDS
