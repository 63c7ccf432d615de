"""No public answer and no screen carries a ticket's secret id: only its holder has it.

A ticket's id opens its tracking page and its survey, so whoever knows it may answer the SKM
survey in the holder's name. A busy morning is played (tickets issued at the kiosk and online,
printed, called, recalled, served, skipped, transferred, called out of turn, marked absent),
while every screen listens: a TV, a kiosk, a petugas's console and a phone following one
ticket. Then every public page and API answer is fetched, plus the TV, kiosk and monitor
pages as their devices and staff see them. Nothing may contain a ticket id, except the phone's
own ticket in what that phone asked for.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from flask_socketio import SocketIOTestClient
from werkzeug.routing import Rule

from antrean.usecases.access.devices import create_device
from antrean.web.auth import PUBLIC
from tests.support.app import AppFactory, AppUnderTest
from tests.support.zones import ZONES

EXAMPLE_VALUES = {"number": 1, "code": "KTP", "service": "KTP", "day": "2026-11-23",
                  "kind": "csv"}


@pytest.fixture
def office(make_app: AppFactory, tmp_path: Path) -> AppUnderTest:
    printer = f'\n[printer]\nkind = "file"\npath = "{tmp_path / "printer.bin"}"\ncolumns = 32\n'
    office = make_app(extra_tables=printer + ZONES)  # a TV of one zone listens too
    office.add_user("petugas1")
    office.add_user("petugas2")
    return office


def morning(office: AppUnderTest, kiosk: FlaskClient,
            phone: SocketIOTestClient) -> tuple[list[str], str]:
    """Every kind of change the screens hear, with a phone following one ticket from the
    start; returns every ticket id and the followed one."""
    first, second = office.bearer("petugas1"), office.bearer("petugas2")
    ids: list[str] = []

    def issue(client: FlaskClient, service: str, **body: Any) -> str:
        answer = client.post("/api/v1/tickets", json={"service": service, **body})
        assert answer.status_code == 201, answer.text
        ids.append(answer.get_json()["id"])
        return ids[-1]

    def act(path: str, staff: dict[str, str], **body: Any) -> Any:
        answer = office.client().post(f"/api/v1{path}", headers=staff, json=body or None)
        assert answer.status_code in (200, 202, 204), (path, answer.text)
        return answer.get_json(silent=True)

    followed = issue(office.client(), "KK")
    assert "ticket" in phone.emit("follow", {"id": followed}, namespace="/track", callback=True)
    for service in ("KTP", "KTP", "KK", "AKTA"):
        issue(kiosk, service, channel="kiosk")
    issue(office.client(), "KTP")
    issue(kiosk, "KK", channel="kiosk", priority="lansia")
    priority = act("/counters/1/call-next", first)["id"]
    act("/counters/1/recall", first)
    act(f"/tickets/{priority}/start", first)
    act(f"/tickets/{priority}/finish", first)
    act("/counters/1/call-next", first)
    skipped = act("/counters/1/call-next", first)["id"]  # closes the previous one as done
    act(f"/tickets/{skipped}/skip", first)
    act(f"/tickets/{skipped}/no-show", first)
    act("/counters/2/call", second, ticket=ids[4], reason="lansia")
    act(f"/tickets/{ids[4]}/transfer", second, service="KTP")
    act("/counters/2/call-next", second)
    act(f"/tickets/{ids[1]}/reprint", first)
    act("/counters/1/state", first, state="break")
    assert office.client().put("/api/v1/running-text", headers=office.bearer("kepala"),
                               json={"text": "Selamat datang"}).status_code == 200
    return ids, followed


def received(screen: SocketIOTestClient, namespace: str) -> list[Any]:
    return [(event["name"], event["args"]) for event in screen.get_received(namespace)]


def public_routes(app: Flask) -> Iterator[Rule]:
    for rule in app.url_map.iter_rules():
        view = app.view_functions[rule.endpoint]
        if "GET" in (rule.methods or ()) and getattr(view, "allowed_roles", None) == PUBLIC \
                and not rule.endpoint.endswith("static"):
            yield rule


def public_answers(office: AppUnderTest, holder_id: str) -> dict[str, str]:
    """Every public GET, filled with example values; <public_id> is the holder's ticket."""
    answers = {}
    for rule in public_routes(office.app):
        values = {name: holder_id if name == "public_id" else EXAMPLE_VALUES.get(name, "x")
                  for name in rule.arguments}
        path = rule.build(values, append_unknown=False)[1]  # type: ignore[index]
        response = office.client().get(path)
        assert response.status_code < 500, path
        answers[f"GET {path}"] = response.get_data(as_text=True)
    return answers


def leaks(answers: dict[str, str], ids: list[str], allowed: str | None = None) -> list[str]:
    return [f"{where}: {ticket_id}" for where, text in answers.items() for ticket_id in ids
            if ticket_id != allowed and ticket_id in text]


def test_no_public_answer_or_screen_event_carries_a_ticket_id(office: AppUnderTest) -> None:
    office.add_user("kepala", "admin")
    kiosk = office.paired("kiosk")
    tv = office.socket(client=office.paired("display"))
    zoned_tv = office.socket(auth={"token": create_device(office.office, "TV Tengah", "display",
                                                          zone="tengah")[1]})
    kiosk_feed = office.socket(client=kiosk)
    console = office.socket(client=office.signed_in("petugas1"))
    first_snapshots = {"TV": received(tv, "/display"), "kiosk": received(kiosk_feed, "/display"),
                       "zoned TV": received(zoned_tv, "/display")}
    phone = office.socket("/track")

    ids, followed = morning(office, kiosk, phone)
    prints = []
    deadline = time.monotonic() + 10
    while len(prints) < 6 and time.monotonic() < deadline:  # the background printer's news
        prints += [e for e in kiosk_feed.get_received("/display") if e["name"] == "print_status"]
        time.sleep(0.05)
    assert len(prints) == 6, "five kiosk tickets and a reprint, each printed"

    heard = {"TV feed": str(received(tv, "/display")),
             "zoned TV feed": str(received(zoned_tv, "/display")),
             "kiosk feed": str(received(kiosk_feed, "/display") + prints),
             "console feed": str(received(console, "/display")),
             "TV snapshot on request": str(tv.emit("snapshot", None, namespace="/display",
                                                   callback=True)),
             **{f"{name} first snapshot": str(events) for name, events in
                first_snapshots.items()}}
    assert "'called'" in heard["TV feed"] and "'update'" in heard["TV feed"]
    assert "'called'" in heard["zoned TV feed"]
    screens = {
        "GET /display/ as the TV": office.paired("display").get("/display/").text,
        "GET /kiosk/ as the kiosk": kiosk.get("/kiosk/").text,
        "GET /monitor/data.json as petugas": office.signed_in("petugas2")
        .get("/monitor/data.json").text,
        "GET /monitor as petugas": office.signed_in("petugas2").get("/monitor").text,
    }
    assert leaks(heard, ids) + leaks(screens, ids) == []
    assert leaks(public_answers(office, followed), ids, allowed=followed) == []
    phone_heard = {"phone": str(received(phone, "/track"))}
    assert followed in phone_heard["phone"]
    assert leaks(phone_heard, ids, allowed=followed) == []
