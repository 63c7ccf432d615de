"""POST /tickets with request_key on a real server, SQLite and PostgreSQL: one ticket per key."""

import threading
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import requests

from tests.support.live_server import LiveServer


def issue(server: LiveServer, key: str, service: str = "KTP") -> requests.Response:
    return requests.post(f"{server.url}/api/v1/tickets", timeout=10,
                         json={"service": service, "channel": "kiosk", "request_key": key})


def test_a_resent_request_key_answers_200_with_the_same_ticket(
        start_server: Callable[..., LiveServer], database_url: str) -> None:
    server = start_server(database_url)
    key = str(uuid.uuid4())
    first, again = issue(server, key), issue(server, key)
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["id"] == first.json()["id"]
    assert issue(server, "bad key!").json()["error"] == "invalid_request_key"
    assert issue(server, key, "KK").status_code == 409


def test_two_concurrent_requests_with_one_key_issue_one_ticket(
        start_server: Callable[..., LiveServer], database_url: str) -> None:
    server = start_server(database_url)
    for _ in range(5):
        key = str(uuid.uuid4())
        barrier = threading.Barrier(2)

        def tap(key: str = key, barrier: threading.Barrier = barrier) -> requests.Response:
            barrier.wait(timeout=10)
            return issue(server, key)

        with ThreadPoolExecutor(2) as pool:
            answers = [f.result() for f in [pool.submit(tap), pool.submit(tap)]]
        assert sorted(a.status_code for a in answers) == [200, 201]
        assert answers[0].json()["id"] == answers[1].json()["id"]
    services = requests.get(f"{server.url}/api/v1/services", timeout=10).json()
    assert next(s for s in services if s["code"] == "KTP")["issued_today"] == 5
