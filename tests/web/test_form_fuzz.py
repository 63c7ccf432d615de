"""Every HTML form route, fuzzed in-process (issue 11, defect 8): hypothesis fills each form's
fields (found on the app's own pages) with NUL bytes, unicode edge cases, far dates, huge
numbers and random text, with a valid CSRF token, on SQLite and PostgreSQL. No answer is a
5xx and nothing is logged as unhandled. The API has its own run (tests/api/test_openapi_fuzz.py)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser

import pytest
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.routing import Rule

from antrean.core.access import Role
from antrean.usecases.setup.media_library import upload_media
from tests.support.app import AppFactory, AppUnderTest, csrf_from
from tests.support.booking import AKTA_BOOKING, book, desk_for
from tests.support.fuzz_budget import generated_examples
from tests.support.media_samples import image_bytes

BOOKING_DAY = "2026-11-24"  # the Tuesday after the test office's Monday
EXAMPLES_PER_FORM = generated_examples(6)
EDGE_VALUES = [
    "", " ", "\x00", "a\x00b", "²³", "٣٠", "⁴", "𝟗", "0", "-1", "1e309", "NaN",
    "99999999999999999999", "2147483648", "0001-01-01", "9999-12-31", "2026-02-30",
    "\u202eabc", "\ufeff", "e\u0301", "😀", "A" * 129, "x" * 5000, '=HYPERLINK("x")',
    "<script>x</script>", "../../etc/passwd", "%00", "\r\n", "\t",
]
FIELD_VALUE = st.one_of(st.sampled_from(EDGE_VALUES), st.text(max_size=40),
                        st.text(alphabet=st.characters(codec="utf-8"), max_size=12))
# Routes that end the session that posts to them: each example uses a fresh browser.
SESSION_ENDING = {"login.logout", "login.login", "survey.pair", "survey.pair_by_link",
                  "pairing_links.pair"}
# Forms the walk cannot see: a button inside a table row that is empty here, or a page shown
# only in another state (the set-up form before the first admin, a live pairing link).
KNOWN_FIELDS = {"admin.deactivate_user": set(), "device_pages.revoke_device": set(),
                "device_pages.revoke_tablet": set(), "device_pages.cancel_pairing_link": set(),
                "console.choose_counter": {"counter"}, "pairing_links.pair": set(),
                # shown only in an office with lobby zones
                "device_pages.move_device": {"zone"}, "zone_pages.remove_zone": set(),
                "zone_pages.save_zone": {"name", "counters", "agencies", "running_text"},
                # shown only beside a service closed for now
                "admin_setup.resume_service": set(),
                # shown only in a Mal Pelayanan Publik (an agency to edit, a kiosk's agencies)
                "agency_pages.save_agency": {"name", "short_name", "logo"},
                "agency_pages.remove_agency": set(), "agency_pages.upload_logo": {"file"},
                "device_pages.change_kiosk_agencies": {"agencies"},
                # shown only once a survey period is published
                "skm_admin.follow_up": {"periode", "element", "plan", "status"},
                "setup.create_admin": {"username", "display_name", "password",
                                       "password_again", "setup_code"}}

# Fields a form shows only in an MPP (the test office is a single one): the agency a
# complaint is about.
MPP_FIELDS = {"complaints.file_complaint": {"instansi"},
              "complaint_admin.admin_record": {"instansi"}}


class FormFields(HTMLParser):
    """The field names of each form of a page, by the form's action."""

    def __init__(self, page_path: str) -> None:
        super().__init__()
        self.page_path, self.action = page_path, page_path
        self.fields: dict[str, set[str]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "form":
            self.action = attributes.get("action") or self.page_path
            self.fields.setdefault(self.action, set())
        elif tag in ("input", "select", "textarea") and attributes.get("name"):
            self.fields.setdefault(self.action, set()).add(str(attributes["name"]))


@dataclass
class FormRoute:
    endpoint: str
    path: str
    fields: set[str]


def sample_values(office: AppUnderTest) -> dict[str, str]:
    """Real ids for the URL parameters, so the fuzz reaches the handlers' bodies."""
    staff = office.bearer("siti")
    booking = book(desk_for(office.office), BOOKING_DAY)
    complaint = office.client()
    sent = complaint.post("/pengaduan", follow_redirects=True, data={
        "csrf_token": csrf_from(complaint.get("/pengaduan").text), "category": "antrean",
        "message": "Menunggu terlalu lama di loket satu."})
    code = re.search(r'id="tracking-code">(PGD-[A-Z0-9-]+)<', sent.text)
    assert code is not None
    # Rows whose buttons are all there: one played, one not, each movable.
    media = upload_media(office.office, "promo.png", image_bytes("PNG"))
    upload_media(office.office, "logo.png", image_bytes("PNG"), active=False)
    return {"public_id": office.served_ticket(staff), "number": "1", "service": "AKTA",
            "day": BOOKING_DAY, "user_id": str(office.add_user("korban", Role.PETUGAS)),
            "device_id": "1", "pairing_id": "1", "link_id": "1", "kind": "csv",
            "filename": "css/antrean.css", "name": media.name, "direction": "naik",
            "switch": "nonaktifkan", "agency": "kantor",
            "code": code.group(1), "booking_code": str(booking["code"])}


def fill(rule: Rule, values: dict[str, str]) -> str:
    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        if name == "code" and rule.rule.startswith("/b/"):
            return values["booking_code"]
        if name == "code" and rule.rule.startswith(("/admin/layanan/", "/admin/standar/")):
            return values["service"]
        return values[name]
    return re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", value, rule.rule)


def form_routes(app: Flask, browser: FlaskClient, values: dict[str, str]) -> list[FormRoute]:
    """Every POST route outside the API, with the fields its forms on the app's pages hold."""
    adapter = app.url_map.bind("localhost")
    found: dict[str, set[str]] = {}
    for rule in app.url_map.iter_rules():
        if "GET" in (rule.methods or ()) and not rule.rule.startswith(("/api/", "/static")):
            page = fill(rule, values)
            response = browser.get(page)
            if response.mimetype == "text/html":
                parser = FormFields(page)
                parser.feed(response.text)
                for action, names in parser.fields.items():
                    endpoint = adapter.match(action.split("?")[0], method="POST")[0] \
                        if _routable(adapter, action) else None
                    if endpoint:
                        found.setdefault(endpoint, set()).update(names - {"csrf_token"})
    routes = []
    for rule in app.url_map.iter_rules():
        if "POST" in (rule.methods or ()) and not rule.rule.startswith("/api/"):
            fields = found.get(rule.endpoint, KNOWN_FIELDS.get(rule.endpoint))
            assert fields is not None, f"no form found for {rule.endpoint}"
            fields = fields | MPP_FIELDS.get(rule.endpoint, set())
            routes.append(FormRoute(rule.endpoint, fill(rule, values), fields))
    return routes


def _routable(adapter: object, action: str) -> bool:
    try:
        adapter.match(action.split("?")[0], method="POST")  # type: ignore[attr-defined]
    except Exception:  # noqa: BLE001 - a GET-only or foreign action
        return False
    return True


def fuzz_form(route: FormRoute, browser_for: Callable[[], FlaskClient]) -> None:
    shared = browser_for()
    token = csrf_from(shared.get("/console/login").text)

    @settings(max_examples=EXAMPLES_PER_FORM, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(st.fixed_dictionaries({}, optional={name: FIELD_VALUE for name in route.fields}))
    def post(fields: dict[str, str]) -> None:
        browser, csrf = shared, token
        if route.endpoint in SESSION_ENDING:
            browser = browser_for()
            csrf = csrf_from(browser.get("/console/login").text)
        response = browser.post(route.path, data={**fields, "csrf_token": csrf})
        assert response.status_code < 500, (route.endpoint, fields, response.text[:300])

    post()


def test_every_form_survives_the_fuzz(make_app: AppFactory, database_url: str,
                                      caplog: pytest.LogCaptureFixture) -> None:
    office = make_app(database_url, extra_service=AKTA_BOOKING)
    office.add_user("kepala", Role.ADMIN)
    office.add_user("siti", Role.PETUGAS)
    values = sample_values(office)
    routes = form_routes(office.app, office.signed_in("kepala"), values)
    assert len(routes) >= 15
    for route in routes:
        fuzz_form(route, lambda: office.signed_in("kepala"))
    assert "unhandled error" not in caplog.text
