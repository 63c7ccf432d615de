"""One petugas per loket through the console, the API and the admin pages."""

from __future__ import annotations

from antrean.core.access import Role
from tests.support.app import AppUnderTest, csrf_from


def choose(browser: object, number: int) -> tuple[int, str]:
    page = browser.get("/console/")  # type: ignore[attr-defined]
    answer = browser.post("/console/loket", data={  # type: ignore[attr-defined]
        "counter": str(number), "csrf_token": csrf_from(page.text)})
    return answer.status_code, answer.text


def test_a_second_sign_in_to_a_busy_loket_is_refused_with_who_holds_it(
        app_under_test: AppUnderTest) -> None:
    office = app_under_test
    office.add_user("siti", Role.PETUGAS, display_name="Siti Aminah")
    office.add_user("budi", Role.PETUGAS, display_name="Budi Santoso")
    office.add_user("kepala", Role.ADMIN)
    siti, budi = office.signed_in("siti"), office.signed_in("budi")
    assert choose(siti, 1)[0] == 302
    status, page = choose(budi, 1)
    assert status == 409 and "Loket 1 sedang dipakai oleh Siti Aminah" in page
    assert budi.post("/api/v1/counters/1/call-next").get_json()["error"] == "counter_taken"
    assert choose(budi, 2)[0] == 302
    # The admin sees who holds each loket and releases loket 1 from the overview.
    admin = office.signed_in("kepala")
    overview = admin.get("/admin/").text
    assert "Dipakai oleh Siti Aminah" in overview and "Dipakai oleh Budi Santoso" in overview
    released = admin.post("/admin/loket/1/lepas", data={"csrf_token": csrf_from(overview)})
    assert released.status_code == 302
    assert "Dipakai oleh Siti Aminah" not in admin.get("/admin/").text
    assert choose(budi, 1)[0] == 302  # Budi moves to loket 1, leaving loket 2
    assert siti.post("/api/v1/counters/1/call-next").status_code == 409
    audit = admin.get("/admin/audit").text
    assert "Loket dilepas admin" in audit


def test_the_api_takes_and_releases_a_loket_and_sign_out_frees_it(
        app_under_test: AppUnderTest) -> None:
    office = app_under_test
    office.add_user("siti", Role.PETUGAS, display_name="Siti Aminah")
    office.add_user("budi", Role.PETUGAS)
    office.add_user("kepala", Role.ADMIN)
    api = office.client()
    siti, budi, admin = (office.bearer(name) for name in ("siti", "budi", "kepala"))
    assert api.post("/api/v1/counters/2/take", headers=siti).status_code == 200
    taken = api.post("/api/v1/counters/2/take", headers=budi)
    assert taken.status_code == 409 and "Siti Aminah" in taken.get_json()["message"]
    assert api.post("/api/v1/counters/2/release", headers=budi).status_code == 403
    assert api.post("/api/v1/counters/2/release", headers=admin).status_code == 200
    assert api.post("/api/v1/counters/2/take", headers=budi).status_code == 200
    # Signing out of the console leaves the loket for the next petugas.
    console = office.signed_in("siti")
    assert choose(console, 3)[0] == 302
    assert api.post("/api/v1/counters/3/take", headers=budi).status_code == 409
    console.post("/console/logout")
    assert api.post("/api/v1/counters/3/take", headers=budi).status_code == 200


def test_calling_at_a_second_loket_through_the_api_leaves_the_first(
        app_under_test: AppUnderTest) -> None:
    """Through the API as through the console: one petugas, one loket; the loket she left is
    free for the next petugas without an admin."""
    office = app_under_test
    office.add_user("siti", Role.PETUGAS, display_name="Siti Aminah")
    office.add_user("budi", Role.PETUGAS, display_name="Budi Santoso")
    siti, budi, api = office.bearer("siti"), office.bearer("budi"), office.client()
    first, second = (api.post("/api/v1/tickets", json={"service": "KTP"}).get_json()
                     for _ in range(2))
    assert api.post("/api/v1/counters/1/call-next", headers=siti).get_json()["id"] == first["id"]
    assert api.post(f"/api/v1/tickets/{first['id']}/finish", headers=siti).status_code == 200
    moved = api.post("/api/v1/counters/2/call-next", headers=siti)
    assert moved.status_code == 200 and moved.get_json()["id"] == second["id"]
    assert api.post("/api/v1/counters/1/call-next", headers=budi).status_code == 204
    assert api.post("/api/v1/counters/1/call-next", headers=siti).get_json()["error"] \
        == "counter_taken"
