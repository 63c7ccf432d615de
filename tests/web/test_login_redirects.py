"""After sign-in the browser goes to the page it came from, never to another site.

Each target is tried as the login link carries it (percent-encoded in `next`) and as a
crafted form field; the Location that comes back is read the way a browser reads it.
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from antrean.core.access import Role
from antrean.core.redirects import same_site_path
from tests.support.app import AppUnderTest, csrf_from
from tests.support.live_server import PASSWORD

SITE = "http://localhost/console/login"

# As they appear in the query string of /console/login?next=...
BYPASSES = [
    "/%09/evil.example/phish", "/%0A/x", "/%0D/x", "%0A//evil.example", "/%09/%09/evil.example",
    "//evil.example", "///evil.example", "////evil.example/", "/%2F/evil.example",
    "/%2F%2Fevil.example", "/%252F%252Fevil.example", "%2F%2Fevil.example",
    "/%5Cevil.example", "%5C%5Cevil.example", "/%5C/evil.example", "%5C/evil.example",
    "https://evil.example", "https:evil.example", "http:/evil.example", "HTTPS://evil.example",
    "javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,x",
    "%20//evil.example", "%00//evil.example", "/%00/evil.example", "/%7F/evil.example",
    "%01//evil.example", "/%C2%85/evil.example", "/%E3%80%80/evil.example",
    "%EF%BC%8F%EF%BC%8Fevil.example", "/%EF%BC%8F/evil.example", "/%E2%80%A8/evil.example",
    "//evil.example%23/", "//evil.example@localhost/", "/%2F%5Cevil.example",
    "x" * 3000,
]
KEPT = ["/admin/", "/laporan?from=2026-11-01&to=2026-11-30", "/survei/loket/2/pasangkan",
        "/monitor#loket-2"]


def as_browser_reads(location: str) -> tuple[str, str]:
    """(scheme, host) the browser goes to after this Location, WHATWG-style forgiveness."""
    cleaned = re.sub(r"[\t\n\r]", "", location).strip("".join(map(chr, range(0x21))))
    parts = urlsplit(urljoin(SITE, cleaned.replace("\\", "/")))
    return parts.scheme, parts.netloc


@pytest.fixture
def office(app_under_test: AppUnderTest) -> AppUnderTest:
    app_under_test.add_user("kepala", Role.ADMIN)
    return app_under_test


def sign_in(office: AppUnderTest, query_next: str) -> tuple[int, int, str]:
    """(form status, sign-in status, Location) following the link, then a crafted field."""
    web = office.client()
    form = web.get(f"/console/login?next={query_next}")
    field = re.search(r'name="next" value="([^"]*)"', form.text) if form.status_code == 200 \
        else None
    answer = web.post("/console/login", data={
        "username": "kepala", "password": PASSWORD,
        "csrf_token": csrf_from(web.get("/console/login").text),
        "next": field.group(1) if field else ""})
    return form.status_code, answer.status_code, answer.headers.get("Location", "")


@pytest.mark.parametrize("query_next", BYPASSES)
def test_a_known_bypass_lands_on_this_site_and_never_errs(office: AppUnderTest,
                                                          query_next: str) -> None:
    form, status, location = sign_in(office, query_next)
    assert form in (200, 422) and status == 302  # NUL in a query is refused outright (422)
    assert as_browser_reads(location) == ("http", "localhost"), location
    crafted = office.client()
    answer = crafted.post("/console/login", data={
        "username": "kepala", "password": PASSWORD,
        "csrf_token": csrf_from(crafted.get("/console/login").text),
        "next": unquote(query_next)})
    if answer.status_code == 422:  # a NUL in a form field is refused outright
        assert "\x00" in unquote(query_next) and "Location" not in answer.headers
        return
    assert answer.status_code == 302
    assert as_browser_reads(answer.headers["Location"]) == ("http", "localhost")
    assert answer.headers["Location"] == "/admin/"


@pytest.mark.parametrize("target", KEPT)
def test_a_page_of_this_site_is_where_sign_in_goes(office: AppUnderTest, target: str) -> None:
    web = office.client()
    answer = web.post("/console/login", data={
        "username": "kepala", "password": PASSWORD,
        "csrf_token": csrf_from(web.get("/console/login").text), "next": target})
    assert answer.headers["Location"] == target


@pytest.mark.parametrize("target", [unquote(b) for b in BYPASSES] + [None, 5, ""])
def test_the_rule_refuses_every_bypass_as_a_plain_function(target: object) -> None:
    assert same_site_path(target) == ""
