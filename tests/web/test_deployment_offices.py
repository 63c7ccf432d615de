"""A kabupaten-wide deployment in-process: each office under /kantor/<code>/ with its own
numbering, staff, devices and screens; the deployment's admin manages them from the root."""

from __future__ import annotations

from antrean.core.access import Role
from antrean.usecases.access.audit import recent_entries
from tests.support.app import AppFactory, AppUnderTest, csrf_from, events_named
from tests.support.deployment import (
    OFFICES,
    add_user,
    office_bearer,
    office_of,
    office_tv,
)
from tests.support.live_server import PASSWORD


def deployment(make_app: AppFactory, database_url: str | None = None) -> AppUnderTest:
    return make_app(database_url, extra_tables=OFFICES)


def test_each_office_numbers_its_own_tickets_under_its_own_path(make_app: AppFactory,
                                                                database_url: str) -> None:
    root = deployment(make_app, database_url)
    api = root.client()
    numbers = [api.post(path, json={"service": "KTP"}).get_json()["number"] for path in (
        "/api/v1/tickets", "/kantor/astambul/api/v1/tickets", "/kantor/astambul/api/v1/tickets",
        "/kantor/gambut/api/v1/tickets")]
    assert numbers == ["A-001", "A-001", "A-002", "A-001"]
    home = api.get("/kantor/astambul/")
    assert home.status_code == 200 and "Kecamatan Astambul" in home.text
    assert "Jl. Ahmad Yani Km 12" in home.text
    # Each office's screens read its own queue.
    queue = api.get("/kantor/astambul/api/v1/queue").get_json()
    assert queue["office"]["name"] == "Kecamatan Astambul"
    # An office that does not exist is the root's Indonesian 404, never another office.
    missing = api.get("/kantor/tidak-ada/api/v1/queue")
    assert missing.status_code == 404 and "tidak ditemukan" in missing.get_json()["message"]
    assert api.get("/kantor/INDUK/").status_code == 404


def test_a_call_reaches_only_its_own_offices_screens(make_app: AppFactory,
                                                    database_url: str) -> None:
    root = deployment(make_app, database_url)
    tvs = {code: office_tv(root, code) for code in ("astambul", "gambut", None)}
    for tv in tvs.values():
        assert events_named(tv, "snapshot")  # each its own office's snapshot
    add_user(office_of(root, "astambul"), "petugas1", "petugas")
    api = root.client()
    api.post("/kantor/astambul/api/v1/tickets", json={"service": "KTP"})
    called = api.post("/kantor/astambul/api/v1/counters/1/call-next",
                      headers=office_bearer(root, "astambul", "petugas1"))
    assert called.status_code == 200, called.text
    heard = {code: [c["ticket"]["number"] for c in events_named(tv, "called")]
             for code, tv in tvs.items()}
    assert heard == {"astambul": ["A-001"], "gambut": [], None: []}
    # Nor does anything else of that office's day reach another office's screens.
    assert tvs["gambut"].get_received("/display") == []
    assert tvs[None].get_received("/display") == []


def test_staff_and_devices_belong_to_one_office(make_app: AppFactory) -> None:
    root = deployment(make_app)
    add_user(office_of(root, "astambul"), "petugas1", "petugas")
    astambul = office_bearer(root, "astambul", "petugas1")
    api = root.client()
    api.post("/kantor/gambut/api/v1/tickets", json={"service": "KTP"})
    # A petugas of Astambul is nobody in Gambut or at the root, by token...
    for path in ("/kantor/gambut/api/v1/counters/1/call-next", "/api/v1/counters/1/call-next"):
        assert api.post(path, headers=astambul).status_code == 401
    login = api.post("/kantor/gambut/api/v1/auth/login",
                     json={"username": "petugas1", "password": PASSWORD})
    assert login.status_code == 401
    # ...and by the session cookie of a browser signed in there.
    browser = root.client()
    form = browser.get("/kantor/astambul/console/login")
    signed = browser.post("/kantor/astambul/console/login", data={
        "username": "petugas1", "password": PASSWORD, "csrf_token": csrf_from(form.text)})
    assert signed.status_code == 302
    assert browser.get("/kantor/astambul/console/").status_code == 200
    assert browser.get("/kantor/gambut/console/").status_code in (302, 401)
    assert browser.get("/console/").status_code in (302, 401)
    # A ticket's tracking id means nothing in another office.
    ticket = api.post("/kantor/astambul/api/v1/tickets", json={"service": "KK"}).get_json()
    assert api.get(f"/kantor/astambul/api/v1/tickets/{ticket['id']}").status_code == 200
    assert api.get(f"/kantor/gambut/api/v1/tickets/{ticket['id']}").status_code == 404


def test_the_deployment_admin_manages_every_office_and_nobody_else_does(
        make_app: AppFactory) -> None:
    root = deployment(make_app)
    root.add_user("bupati", Role.ADMIN)
    admin = root.signed_in("bupati")
    assert admin.get("/kantor").status_code == 200
    # The deployment's admin acts as each office's admin, without an account there.
    office_admin = admin.get("/kantor/astambul/admin/pengguna")
    assert office_admin.status_code == 200 and "Kecamatan Astambul" in office_admin.text
    assert 'href="/kantor" id="deployment-home"' in office_admin.text
    # What they change there is in that office's audit log under their name. (A form of the
    # office's page carries the office's CSRF token, not the root's header.)
    admin.environ_base.pop("HTTP_X_CSRF_TOKEN")
    form = admin.get("/kantor/astambul/admin/teks-berjalan")
    saved = admin.post("/kantor/astambul/admin/teks-berjalan", data={
        "text": "Pelayanan KTP-el hari Sabtu ditiadakan", "csrf_token": csrf_from(form.text)})
    assert saved.status_code == 302
    entries = recent_entries(office_of(root, "astambul"))
    assert [(e["action"], e["target"], e["detail"]) for e in entries[:2]] == [
        ("deployment_admin_acted", "bupati", "POST /admin/teks-berjalan (302)"),
        ("running_text_changed", "", entries[1]["detail"])]
    assert all(e["action"] != "deployment_admin_acted" for e in recent_entries(root.office))
    assert 'href="/kantor"' in admin.get("/admin/").text  # the root's menu: every office
    # An office's own admin manages that office only, never the deployment.
    add_user(office_of(root, "gambut"), "admin-gambut", "admin")
    gambut = root.client()
    form = gambut.get("/kantor/gambut/console/login")
    gambut.post("/kantor/gambut/console/login", data={
        "username": "admin-gambut", "password": PASSWORD, "csrf_token": csrf_from(form.text)})
    own = gambut.get("/kantor/gambut/admin/pengguna")
    assert own.status_code == 200 and 'id="deployment-home"' not in own.text
    assert gambut.get("/kantor/astambul/admin/pengguna").status_code in (302, 401)
    assert gambut.get("/kantor").status_code in (302, 401)
    token = office_bearer(root, "gambut", "admin-gambut")
    assert root.client().get("/api/v1/deployment/offices", headers=token).status_code == 401


def test_the_deployment_admin_adds_an_office_that_serves_at_once(make_app: AppFactory) -> None:
    root = deployment(make_app)
    root.add_user("bupati", Role.ADMIN)
    admin = root.signed_in("bupati")
    page = admin.get("/admin/daftar-kantor")
    token = csrf_from(page.text)
    added = admin.post("/admin/daftar-kantor", data={
        "code": "martapura-timur", "name": "Kecamatan Martapura Timur", "address": "",
        "timezone": "Asia/Makassar", "csrf_token": token})
    assert added.status_code == 302
    assert "Kecamatan Martapura Timur" in admin.get("/admin/daftar-kantor").text
    ticket = root.client().post("/kantor/martapura-timur/api/v1/tickets",
                                json={"service": "KTP"})
    assert ticket.get_json()["number"] == "A-001"
    for fields, status, message in (
            ({"code": "martapura-timur", "name": "Lagi"}, 409, "sudah terdaftar"),
            ({"code": "induk", "name": "Induk"}, 422, "kantor induk"),
            ({"code": "Kantor Baru!", "name": "X"}, 422, "huruf kecil"),
            ({"code": "baru", "name": ""}, 422, "Nama"),
            ({"code": "baru", "name": "Baru", "timezone": "Asia/Mars"}, 422, "zona waktu")):
        refused = admin.post("/admin/daftar-kantor", data={"timezone": "Asia/Makassar", **fields,
                                                          "csrf_token": token})
        assert refused.status_code == status, (fields, refused.text)
        assert message in refused.text, (fields, message)


def test_the_dashboard_shows_each_office_live(make_app: AppFactory, database_url: str) -> None:
    root = deployment(make_app, database_url)
    root.add_user("bupati", Role.ADMIN)
    admin = root.signed_in("bupati")
    feed = root.socket("/deployment", client=admin)
    api = root.client()
    for _ in range(3):
        api.post("/kantor/astambul/api/v1/tickets", json={"service": "KTP"})
    changed = [event["args"][0] for event in feed.get_received("/deployment")]
    assert changed and all(c == {"office": "astambul"} for c in changed)
    root.clock.advance(minutes=31)  # past KTP's 30-minute target wait
    offices = {row["code"]: row for row in
               admin.get("/api/v1/deployment/offices").get_json()["offices"]}
    assert list(offices) == ["induk", "astambul", "gambut"]
    assert offices["astambul"]["waiting"] == 3 and offices["astambul"]["overdue"] == 3
    assert offices["astambul"]["longest_wait_label"] == "31 menit"
    assert offices["astambul"]["path"] == "/kantor/astambul/"
    assert offices["gambut"]["waiting"] == 0 and offices["gambut"]["counters_label"] == "0 / 3"
    # Each office keeps its own time: Gambut (WIT) is an hour ahead of Astambul (WITA).
    assert offices["gambut"]["clock_label"] != offices["astambul"]["clock_label"]
    one = admin.get("/api/v1/deployment/offices/astambul").get_json()
    assert one["waiting"] == 3
    page = admin.get("/kantor")
    assert "Kecamatan Gambut" in page.text and 'data-office="astambul"' in page.text
    # Only the deployment's admin hears the dashboard's feed.
    root.add_user("petugas-induk", Role.PETUGAS)
    petugas = root.signed_in("petugas-induk")
    assert root.socket("/deployment", client=petugas).is_connected("/deployment") is False
    assert root.socket("/deployment").is_connected("/deployment") is False


def test_a_single_office_shows_nothing_of_a_deployment(make_app: AppFactory) -> None:
    office = make_app()
    office.add_user("camat", Role.ADMIN)
    admin = office.signed_in("camat")
    menu = admin.get("/admin/").text
    assert 'href="/admin/daftar-kantor"' in menu  # where the first other office is added
    assert 'href="/kantor"' not in menu and 'href="/laporan/kantor"' not in menu
    dashboard = admin.get("/api/v1/deployment/offices").get_json()
    assert [row["code"] for row in dashboard["offices"]] == ["induk"]
