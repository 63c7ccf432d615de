"""A phone on /track hears about its own ticket and nothing about anybody else's.

Everything the phone's Socket.IO connection receives is kept, and checked as a whole: other
tickets are issued, called, served, skipped and transferred around it, in its service and in
others, and none of their events may reach it.
"""

from __future__ import annotations

from typing import Any

from flask_socketio import SocketIOTestClient

from tests.support.app import AppUnderTest

TRACK = "/track"


def follow(phone: SocketIOTestClient, ticket_id: str) -> dict[str, Any]:
    answer: dict[str, Any] = phone.emit("follow", {"id": ticket_id}, namespace=TRACK,
                                        callback=True)
    return answer


def test_a_phone_hears_only_its_own_ticket(app_under_test: AppUnderTest) -> None:
    office = app_under_test
    office.add_user("petugas1")
    staff = office.bearer("petugas1")
    api = office.client()

    def issue(service: str) -> dict[str, Any]:
        ticket: dict[str, Any] = api.post("/api/v1/tickets", json={"service": service}).get_json()
        return ticket

    def post(path: str, **body: Any) -> dict[str, Any]:
        response = api.post(f"/api/v1{path}", headers=staff, json=body or None)
        assert response.status_code == 200, response.get_json()
        answer: dict[str, Any] = response.get_json()
        return answer

    first = issue("KTP")
    mine = issue("KTP")
    phone = office.socket(TRACK)
    assert follow(phone, mine["id"])["ticket"]["number"] == "A-002"
    assert follow(phone, "bukan-tiket")["error"] == "ticket_not_found"
    assert phone.get_received(TRACK) == []

    # Around it: a newcomer in its service, others in other services, a transfer into it.
    later = issue("KTP")
    other_service = issue("KK")
    akta = issue("AKTA")
    assert post("/counters/1/call-next")["id"] == first["id"]
    post(f"/tickets/{first['id']}/start")
    assert post("/counters/3/call-next")["id"] == akta["id"]
    post(f"/tickets/{akta['id']}/transfer", service="KTP")
    post(f"/tickets/{first['id']}/finish")
    heard_before_my_turn = phone.get_received(TRACK)

    assert post("/counters/1/call-next")["id"] == mine["id"]  # now mine
    elsewhere = post("/counters/2/call-next")  # the next one after mine, at another loket
    assert elsewhere["id"] in {later["id"], other_service["id"], akta["id"]}
    post(f"/tickets/{elsewhere['id']}/skip")
    heard_at_my_turn = phone.get_received(TRACK)

    others = {first["id"], later["id"], other_service["id"], akta["id"]}
    heard = heard_before_my_turn + heard_at_my_turn
    assert {event["name"] for event in heard} <= {"ticket", "queue_changed"}
    tickets = [event["args"][0] for event in heard if event["name"] == "ticket"]
    assert {ticket["id"] for ticket in tickets} == {mine["id"]}, "another ticket's event"
    assert not others & {str(value) for event in heard for value in _values(event["args"])}
    changes = [event["args"][0] for event in heard if event["name"] == "queue_changed"]
    assert changes and all(change == {"service": "KTP"} for change in changes)
    assert [(t["status"], t["counter"]) for t in tickets] == [("called", 1)]


def _values(value: Any) -> list[Any]:
    """Every scalar inside a payload, to look for another ticket's id anywhere in it."""
    if isinstance(value, dict):
        return [v for item in value.values() for v in _values(item)]
    if isinstance(value, list | tuple):
        return [v for item in value for v in _values(item)]
    return [value]
