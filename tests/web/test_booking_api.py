"""The booking API in-process: sessions of a day, create, read, cancel; JSON errors with a
code and an Indonesian message; creation limited per address and per phone."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select

from antrean.db.booking_models import OutboxMessage
from tests.support.app import AppFactory
from tests.support.booking import AKTA_BOOKING, HOLIDAY_TABLES
from tests.support.gateway import notify_table

BODY = {"service": "AKTA", "date": "2026-11-24", "session": "08:00", "name": "Siti Aminah",
        "phone": "0812 3456 7001"}


def test_sessions_create_read_and_cancel(make_app: AppFactory) -> None:
    client = make_app(extra_service=AKTA_BOOKING).client()
    services = client.get("/api/v1/booking-services").get_json()
    assert [s["service"] for s in services] == ["AKTA"]
    days = client.get("/api/v1/booking-days?service=AKTA").get_json()
    assert [d["open"] for d in days["days"]][:7] == [True] * 5 + [False] * 2  # Mon..Sun
    day = client.get("/api/v1/booking-sessions?service=AKTA&date=2026-11-24").get_json()
    assert day["open"] is True and day["date_label"] == "Selasa, 24 November 2026"
    assert [(s["session"], s["remaining"], s["capacity"]) for s in day["sessions"]] == \
        [("08:00", 5, 5), ("10:00", 5, 5), ("13:00", 5, 5)]
    today = client.get("/api/v1/booking-sessions?service=AKTA&date=2026-11-23").get_json()
    assert [s["open"] for s in today["sessions"]] == [False, True, True]  # 09.00 now
    created = client.post("/api/v1/bookings", json=BODY)
    assert created.status_code == 201
    booking: dict[str, Any] = created.get_json()
    assert booking["status"] == "booked" and booking["session_label"] == "08.00-10.00 WITA"
    assert booking["estimated_service_at"] == "2026-11-24T00:00:00+00:00"
    assert "phone" not in booking and booking["phone_masked"] == "0812****7001"
    after = client.get("/api/v1/booking-sessions?service=AKTA&date=2026-11-24").get_json()
    assert after["sessions"][0]["remaining"] == 4
    assert client.get(f"/api/v1/bookings/{booking['code_label']}").get_json() == booking
    cancelled = client.post(f"/api/v1/bookings/{booking['code']}/cancel")
    assert cancelled.status_code == 200 and cancelled.get_json()["status"] == "cancelled"


def test_errors_are_json_with_a_code_and_a_message(make_app: AppFactory) -> None:
    client = make_app(extra_service=AKTA_BOOKING, extra_tables=(
        "[booking]\nrequests_per_minute = 100\nphone_requests_per_minute = 100\n")).client()
    cases = [
        (client.post("/api/v1/bookings", json={**BODY, "phone": "12"}), 422, "invalid_phone"),
        (client.post("/api/v1/bookings", json={**BODY, "service": 5}), 422, "missing_service"),
        (client.post("/api/v1/bookings", json={**BODY, "date": None}), 422, "invalid_date"),
        (client.post("/api/v1/bookings", json={**BODY, "session": 8}), 422, "unknown_session"),
        (client.post("/api/v1/bookings", json=[1]), 422, "invalid_body"),
        (client.post("/api/v1/bookings", data="x", content_type="application/json"), 400,
         "bad_request"),
        (client.post("/api/v1/bookings", json={**BODY, "service": "KK"}), 409,
         "booking_not_offered"),
        (client.get("/api/v1/bookings/ZZZZZZZZ"), 404, "booking_not_found"),
        (client.post("/api/v1/bookings/ZZZZZZZZ/cancel"), 404, "booking_not_found"),
        (client.get("/api/v1/booking-sessions?service=AKTA&date=x"), 422, "invalid_date"),
        (client.get("/api/v1/booking-sessions?date=2026-11-24"), 422, "missing_service"),
        (client.get("/api/v1/booking-days?service=NOPE"), 422, "unknown_service"),
    ]
    for response, status, code in cases:
        body = response.get_json()
        assert (response.status_code, body["error"]) == (status, code), body
        assert body["message"]


def test_creation_is_limited_per_phone_and_per_address(make_app: AppFactory) -> None:
    app = make_app(extra_service=AKTA_BOOKING, extra_tables=(
        "[booking]\nrequests_per_minute = 4\nphone_requests_per_minute = 2\n"))
    client = app.client()
    assert client.post("/api/v1/bookings", json=BODY).status_code == 201
    assert client.post("/api/v1/bookings", json=BODY).status_code == 409  # already booked
    limited = client.post("/api/v1/bookings", json={**BODY, "phone": "+6281234567001"})
    assert limited.status_code == 429 and limited.get_json()["error"] == "too_many_requests"
    assert 1 <= int(limited.headers["Retry-After"]) <= 60
    assert client.post("/api/v1/bookings",
                       json={**BODY, "phone": "081234567002"}).status_code == 201
    by_address = client.post("/api/v1/bookings", json={**BODY, "phone": "081234567003"})
    assert by_address.status_code == 429  # the fifth request from this address this minute
    app.clock.advance(minutes=1)
    assert client.post("/api/v1/bookings",
                       json={**BODY, "phone": "081234567003"}).status_code == 201


def test_a_paired_kiosk_checks_a_booking_in_and_the_refusals_say_what_to_do(
        make_app: AppFactory) -> None:
    app = make_app(extra_service=AKTA_BOOKING)
    phone = app.client()
    code = phone.post("/api/v1/bookings", json=BODY).get_json()["code"]
    other = phone.post("/api/v1/bookings",
                       json={**BODY, "phone": "081234567002"}).get_json()["code"]
    kiosk = app.paired("kiosk")
    assert phone.post(f"/api/v1/bookings/{code}/check-in").status_code == 401  # from home
    early = kiosk.post(f"/api/v1/bookings/{code}/check-in")  # Monday; booked for Tuesday
    assert (early.status_code, early.get_json()["error"]) == (409, "checkin_other_day")
    assert "Selasa, 24 November 2026" in early.get_json()["message"]
    app.clock.set(datetime(2026, 11, 24, 6, 30, tzinfo=ZoneInfo("Asia/Makassar")))
    too_early = kiosk.post(f"/api/v1/bookings/{code}/check-in").get_json()
    assert too_early["error"] == "checkin_too_early" and "07.00 WITA" in too_early["message"]
    app.clock.set(datetime(2026, 11, 24, 7, 40, tzinfo=ZoneInfo("Asia/Makassar")))
    done = kiosk.post(f"/api/v1/bookings/{code.lower()}/check-in")
    assert done.status_code == 201, done.text
    answer = done.get_json()
    assert answer["booking"]["status"] == "checked_in"
    assert answer["ticket"]["number"] == "C-001" and answer["ticket"]["channel"] == "online"
    queue = phone.get(f"/api/v1/bookings/{code}").get_json()["queue"]  # the phone follows it
    assert {k: queue[k] for k in ("number", "status", "ahead", "near_when_ahead")} == \
        {"number": "C-001", "status": "waiting", "ahead": 0, "near_when_ahead": 2}
    assert answer["ticket"]["id"] not in json.dumps(queue)  # never the ticket's secret id
    used = kiosk.post(f"/api/v1/bookings/{code}/check-in").get_json()
    assert used["error"] == "already_checked_in" and "C-001" in used["message"]
    unknown = kiosk.post("/api/v1/bookings/ZZZZZZZZ/check-in")
    assert (unknown.status_code, unknown.get_json()["error"]) == (404, "booking_not_found")
    app.clock.set(datetime(2026, 11, 24, 8, 16, tzinfo=ZoneInfo("Asia/Makassar")))
    late = kiosk.post(f"/api/v1/bookings/{other}/check-in").get_json()
    assert late["error"] == "checkin_too_late"
    assert "ambil nomor antrean biasa" in late["message"]


def test_on_a_holiday_the_kiosk_shows_every_service_closed_with_the_holidays_name(
        make_app: AppFactory) -> None:
    app = make_app(extra_tables=HOLIDAY_TABLES,
                   at=datetime(2026, 11, 25, 9, 0, tzinfo=ZoneInfo("Asia/Makassar")))
    services = app.client().get("/api/v1/services").get_json()
    assert {(s["open"], s["closed_code"], s["closed_label"]) for s in services} == \
        {(False, "holiday", "Libur: Hari Guru Nasional (contoh)")}
    assert "Hari Guru Nasional (contoh)" in services[0]["closed_reason"]
    refused = app.client().post("/api/v1/tickets", json={"service": "KTP"})
    assert refused.status_code == 409 and "Hari Guru Nasional" in refused.get_json()["message"]


def test_staff_see_todays_booked_arrivals_and_who_checked_in(make_app: AppFactory) -> None:
    app = make_app(extra_service=AKTA_BOOKING,
                   at=datetime(2026, 11, 24, 7, 0, tzinfo=ZoneInfo("Asia/Makassar")))
    phone = app.client()
    codes = [phone.post("/api/v1/bookings", json={**BODY, "phone": f"08123456700{n}",
                                                   "name": f"Warga {n}"}).get_json()["code"]
             for n in range(3)]
    phone.post(f"/api/v1/bookings/{codes[2]}/cancel")
    app.clock.set(datetime(2026, 11, 24, 7, 40, tzinfo=ZoneInfo("Asia/Makassar")))
    app.paired("kiosk").post(f"/api/v1/bookings/{codes[0]}/check-in")
    app.add_user("budi")
    console = app.signed_in("budi")
    arrivals = console.get("/api/v1/booking-arrivals?service=AKTA").get_json()
    [group] = arrivals["groups"]  # the cancelled booking is nobody to wait for
    assert (group["expected"], group["checked_in"], group["no_show"]) == (2, 1, 0)
    assert [(p["name"], p["status"], p["ticket_number"]) for p in group["people"]] == \
        [("Warga 0", "checked_in", "C-001"), ("Warga 1", "booked", None)]
    assert console.get("/api/v1/booking-arrivals?service=KTP").get_json()["groups"] == []
    app.clock.set(datetime(2026, 11, 24, 8, 16, tzinfo=ZoneInfo("Asia/Makassar")))
    later = console.get("/api/v1/booking-arrivals").get_json()["groups"][0]
    assert (later["checked_in"], later["no_show"]) == (1, 1)  # no sweep needed to read it
    assert 'id="booking-arrivals"' in console.get("/monitor").text
    assert phone.get("/api/v1/booking-arrivals").status_code == 401


def test_a_forged_host_never_reaches_the_citizens_notice(make_app: AppFactory) -> None:
    """The office's own gateway sends the notice to the phone typed in: its link comes from
    [server] public_url, never the request's Host header (else anyone could send a citizen a
    phishing link from the office's WhatsApp number)."""
    app = make_app(extra_service=AKTA_BOOKING,
                   extra_tables=notify_table("http://127.0.0.1:9/kirim"))
    evil = {"Host": "evil.example"}
    made = app.client().post("/api/v1/bookings", json=BODY, headers=evil)
    assert made.status_code == 201
    app.client().post(f"/api/v1/bookings/{made.get_json()['code']}/cancel", headers=evil)
    with app.office.transaction() as session:
        payloads = [row.payload for row in session.scalars(select(OutboxMessage))]
    assert len(payloads) == 2  # made, cancelled
    assert all("evil.example" not in payload for payload in payloads)
