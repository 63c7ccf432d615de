"""request_key: a double tap or a retried request issues ONE ticket, on SQLite and PostgreSQL."""

import threading
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import func, select

from antrean.core.errors import DomainError
from antrean.db.models import Ticket
from antrean.db.request_keys import RequestKey
from antrean.usecases.queue.issuing_once import IssueResult, issue_once, parse_request_key
from antrean.usecases.screens.queue_snapshot import queue_snapshot
from tests.conftest import OfficeFactory

SAME_KEY_REQUESTS = 4
KEYS = 12


def count(office, model) -> int:  # type: ignore[no-untyped-def]
    with office.transaction() as session:
        return int(session.scalar(select(func.count()).select_from(model)))


def test_a_retry_with_the_same_key_returns_the_same_ticket(make_office: OfficeFactory,
                                                           database_url: str) -> None:
    office, _, _ = make_office(database_url)
    key = str(uuid.uuid4())
    first = issue_once(office, key, "KTP", channel="kiosk")
    again = issue_once(office, key, "KTP", channel="kiosk")
    other = issue_once(office, str(uuid.uuid4()), "KTP", channel="kiosk")
    assert first.created and not again.created and other.created
    assert again.ticket["id"] == first.ticket["id"] and again.ticket["number"] == "A-001"
    assert other.ticket["number"] == "A-002"
    assert count(office, Ticket) == 2 and count(office, RequestKey) == 2


def test_concurrent_requests_with_one_key_issue_one_ticket(make_office: OfficeFactory,
                                                           database_url: str) -> None:
    office, _, _ = make_office(database_url)
    keys = [str(uuid.uuid4()) for _ in range(KEYS)]
    barrier = threading.Barrier(SAME_KEY_REQUESTS)

    def tap(key: str) -> IssueResult:
        barrier.wait(timeout=30)  # all copies of one key leave together
        return issue_once(office, key, "KTP", channel="kiosk")

    results: dict[str, list[IssueResult]] = {}
    with ThreadPoolExecutor(SAME_KEY_REQUESTS) as pool:
        for key in keys:
            results[key] = list(pool.map(tap, [key] * SAME_KEY_REQUESTS))
    for key, answers in results.items():
        assert len({answer.ticket["id"] for answer in answers}) == 1, key
        assert sum(answer.created for answer in answers) == 1, key
    assert count(office, Ticket) == KEYS
    numbers = sorted(answers[0].ticket["number"] for answers in results.values())
    assert numbers == [f"A-{n:03d}" for n in range(1, KEYS + 1)]  # no number was burnt


def test_a_refused_request_does_not_use_up_its_key(make_office: OfficeFactory,
                                                   database_url: str) -> None:
    office, _, _ = make_office(database_url, quota=1)
    issue_once(office, str(uuid.uuid4()), "KTP")
    key = str(uuid.uuid4())
    with pytest.raises(DomainError) as refused:
        issue_once(office, key, "KTP")
    assert refused.value.code == "quota_full"
    assert count(office, RequestKey) == 1
    ktp = next(s for s in queue_snapshot(office)["services"] if s["code"] == "KTP")
    assert ktp["closed_code"] == "quota_full" and ktp["closed_label"] == "Kuota hari ini habis"


def test_a_key_reused_for_another_service_is_refused(make_office: OfficeFactory,
                                                     database_url: str) -> None:
    office, _, _ = make_office(database_url)
    key = str(uuid.uuid4())
    issue_once(office, key, "KTP")
    with pytest.raises(DomainError) as reused:
        issue_once(office, key, "KK")
    assert reused.value.code == "request_key_reused"


@pytest.mark.parametrize("bad", ["short", "x" * 65, "spasi di dalam kunci", 123])
def test_malformed_keys_are_rejected(bad: object) -> None:
    with pytest.raises(DomainError) as error:
        parse_request_key(bad)
    assert error.value.code == "invalid_request_key"
