"""The in-process app fixture itself: HTTP, sign-in, devices and the Socket.IO feed, no server."""

from __future__ import annotations

from antrean.core.access import Role
from tests.support.app import AppUnderTest, events_named


def test_a_kiosk_ticket_is_called_by_a_signed_in_petugas_and_the_tv_hears_it(
        app_under_test: AppUnderTest) -> None:
    app_under_test.add_user("siti", Role.PETUGAS)
    kiosk = {"Authorization": f"Bearer {app_under_test.add_device(Role.KIOSK)}"}
    tv = app_under_test.socket("/display", client=app_under_test.paired(Role.DISPLAY))
    assert tv.is_connected("/display")
    events_named(tv, "snapshot")  # the first paint

    issued = app_under_test.client().post("/api/v1/tickets", headers=kiosk,
                                          json={"service": "KTP", "channel": "kiosk"})
    assert issued.status_code == 201
    assert issued.get_json()["number"] == "A-001"

    console = app_under_test.signed_in("siti")
    called = console.post("/api/v1/counters/1/call-next")
    assert called.status_code == 200
    calls = events_named(tv, "called")
    assert [c["ticket"]["number"] for c in calls] == ["A-001"]


def test_a_stranger_cannot_open_the_display_feed(app_under_test: AppUnderTest) -> None:
    stranger = app_under_test.socket("/display", client=app_under_test.client())
    assert not stranger.is_connected("/display")


def test_the_clock_is_the_test_s_to_move(app_under_test: AppUnderTest) -> None:
    app_under_test.add_user("kepala", Role.ADMIN)
    headers = app_under_test.bearer("kepala")
    client = app_under_test.client()
    client.post("/api/v1/tickets", json={"service": "KTP"})
    app_under_test.clock.advance(days=1)
    ticket = client.post("/api/v1/tickets", json={"service": "KTP"}).get_json()
    assert ticket["number"] == "A-001"  # numbering restarts on the next office day
    assert client.get("/api/v1/stats", headers=headers).status_code == 200
