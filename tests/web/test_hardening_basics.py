"""User text is escaped in pages; the session key survives a restart; a paired TV keeps its
identity in the cookie."""

from __future__ import annotations

from flask import Flask, Response, session

from antrean.core.access import Role
from antrean.web.security_headers import CONTENT_SECURITY_POLICY, HEADERS, init_security_headers
from antrean.web.session_cookie import KeptSignerSessionInterface
from tests.support.app import AppFactory, AppUnderTest, csrf_from

SCRIPT = '<script>window.__xss = 1</script>"><img src=x onerror=alert(1)>'
TOO_BIG = "13520601089388207732314226032640"


def test_typed_text_comes_back_escaped(app_under_test: AppUnderTest) -> None:
    app_under_test.add_user("kepala", Role.ADMIN)  # else the login page leads to the set-up
    web = app_under_test.client()
    token = csrf_from(web.get("/console/login").text)
    page = web.post("/console/login", data={
        "username": SCRIPT, "password": "salah-sekali", "csrf_token": token}).text
    assert "<script>window.__xss" not in page and "<img src=x" not in page
    assert "&lt;script&gt;window.__xss = 1&lt;/script&gt;" in page


def test_answers_carry_the_security_headers(app_under_test: AppUnderTest) -> None:
    for path in ("/console/login", "/api/v1/queue", "/devices/pair?token=x"):
        headers = app_under_test.client().get(path).headers
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["X-Frame-Options"] == "SAMEORIGIN"
        assert headers["Referrer-Policy"] == "same-origin"
        assert headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
        assert headers.getlist("Cache-Control") == ["no-store"]


def test_a_view_that_sets_a_security_header_itself_keeps_its_own() -> None:
    app = Flask(__name__)
    init_security_headers(app)
    app.add_url_rule("/api/v1/plain", "plain", lambda: "ok")
    app.add_url_rule("/framed", "framed", lambda: Response(
        "ok", headers={"x-frame-options": "DENY", "Cache-Control": "max-age=60"}))
    plain = app.test_client().get("/api/v1/plain").headers
    assert [plain.get(name) for name in HEADERS] == list(HEADERS.values())
    assert plain["Cache-Control"] == "no-store"
    framed = app.test_client().get("/framed").headers
    assert framed.getlist("X-Frame-Options") == ["DENY"]
    assert framed["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert framed["Cache-Control"] == "max-age=60"  # not a staff or API page


def test_the_kept_cookie_signer_follows_a_change_of_secret_key() -> None:
    app = Flask(__name__)
    app.secret_key = "first-key"
    app.session_interface = KeptSignerSessionInterface()

    @app.post("/set")
    def set_value() -> str:
        session["who"] = "siti"
        return "ok"

    app.add_url_rule("/get", "get", lambda: session.get("who", "-"))
    browser = app.test_client()
    browser.post("/set")
    assert browser.get("/get").text == "siti"
    app.secret_key = "second-key"
    assert browser.get("/get").text == "-"  # signed with a key no longer accepted
    app.config["SECRET_KEY_FALLBACKS"] = ["first-key"]
    app.secret_key = "third-key"
    browser.post("/set")  # signed with the third key now
    app.config["SECRET_KEY_FALLBACKS"] = []
    assert browser.get("/get").text == "siti"


def test_sessions_and_pairings_survive_a_restart(make_app: AppFactory) -> None:
    before = make_app()
    before.add_user("kepala", Role.ADMIN)
    web = before.signed_in("kepala")
    tv = before.paired(Role.DISPLAY)
    # The same office started again: its config, its secret key file, its database.
    after = make_app(before.database_url, config_dir=before.config.parent)
    assert after.client(session_of=web).get("/api/v1/audit").status_code == 200
    # The paired TV is a display device: it may not read the audit log, but it is known.
    assert after.client(session_of=tv).get("/api/v1/audit").status_code == 403


def test_an_admin_revokes_every_token_of_a_user(app_under_test: AppUnderTest) -> None:
    office = app_under_test
    office.add_user("kepala", Role.ADMIN)
    siti_id = office.add_user("siti", Role.PETUGAS)
    phone, laptop = office.bearer("siti"), office.bearer("siti")
    admin = office.bearer("kepala")
    api = office.client()
    assert api.get("/api/v1/print-jobs", headers=phone).status_code == 200
    revoked = api.post(f"/api/v1/users/{siti_id}/revoke-tokens", headers=admin)
    assert revoked.get_json() == {"revoked": 2}
    for headers in (phone, laptop):
        assert api.get("/api/v1/print-jobs", headers=headers).status_code == 401
    assert office.bearer("siti")  # signing in again still works


def test_an_id_too_big_for_the_database_is_a_404_not_a_crash(
        app_under_test: AppUnderTest) -> None:
    app_under_test.add_user("kepala", Role.ADMIN)
    admin = app_under_test.bearer("kepala")
    for path in (f"/api/v1/devices/{TOO_BIG}/revoke", f"/api/v1/users/{TOO_BIG}/revoke-tokens"):
        response = app_under_test.client().post(path, headers=admin)
        assert response.status_code == 404, path
