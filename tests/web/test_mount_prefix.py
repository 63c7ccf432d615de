"""The office's app mounted under a path prefix (/kantor/<code>: one kabupaten-wide server,
werkzeug's DispatcherMiddleware setting SCRIPT_NAME), in-process: an admin crawls every GET
page reachable from the route table and from the pages' own links, and no link, form, script
or redirect leaves the prefix; no front-end script asks for an absolute app path of its own.
At the root nothing changes: the rest of tests/web runs there."""

from __future__ import annotations

import io
import re
from collections import Counter, deque
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from flask.testing import FlaskClient
from werkzeug.exceptions import NotFound
from werkzeug.middleware.dispatcher import DispatcherMiddleware

from tests.support.app import AppFactory, AppUnderTest, csrf_from
from tests.support.booking import AKTA_BOOKING
from tests.support.live_server import PASSWORD, REPO_ROOT
from tests.support.media_samples import image_bytes
from tests.support.mpp import write_mpp_config
from tests.web.test_route_roles import example_path, routes

PREFIX = "/kantor/uji"
OUTSIDE = ("#", "data:", "mailto:", "tel:", "https://", "http://", "javascript:")
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "poster", "data-sounds",
                  "data-playlist"}
MAX_PAGES = 600
# The same page with other query values (a report per agency and period: 66 of them in the
# MPP) renders the same template, so the same links: a few of each are enough.
VARIANTS_PER_PATH = 3


class Addresses(HTMLParser):
    """Every address a page hands the browser: links, sources, form targets."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str, str]] = []  # (tag, attribute, value)
        self.root: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if tag == "html" and name == "data-root":
                self.root = value
            if name in URL_ATTRIBUTES and value is not None:
                self.found.append((tag, name, value))


def mounted(app_under_test: AppUnderTest) -> FlaskClient:
    """The app under PREFIX, as the kabupaten's dispatcher mounts an office, and an admin
    signed in through the prefixed login form."""
    app = app_under_test.app
    app.wsgi_app = DispatcherMiddleware(NotFound(), {PREFIX: app.wsgi_app})  # type: ignore[method-assign]
    app_under_test.add_user("kepala", "admin")
    browser = app.test_client()
    form = browser.get(f"{PREFIX}/console/login")
    assert form.status_code == 200
    answer = browser.post(f"{PREFIX}/console/login", data={
        "username": "kepala", "password": PASSWORD, "csrf_token": csrf_from(form.text)})
    assert answer.status_code == 302 and answer.headers["Location"] == f"{PREFIX}/admin/"
    cookie = browser.get_cookie("session", path=PREFIX)
    assert cookie is not None, "the session cookie belongs to the office's own prefix"
    browser.environ_base["HTTP_X_CSRF_TOKEN"] = csrf_from(
        browser.get(f"{PREFIX}/console/login").text)
    return browser


def local(address: str) -> str | None:
    """The app path an address asks for under PREFIX; None when it leaves the app on purpose.
    Fails the test when a local address is outside the prefix."""
    if not address or address.startswith(OUTSIDE):
        if address.startswith(("http://localhost/", "http://localhost:")):
            address = urlsplit(address).path + ("?" + urlsplit(address).query
                                                 if urlsplit(address).query else "")
        else:
            return None
    if not address.startswith("/"):
        return None  # relative to the page ("?status=baru"): under the prefix by construction
    assert address == PREFIX or address.startswith(PREFIX + "/"), address
    return address[len(PREFIX):] or "/"


def crawl(browser: FlaskClient, starts: list[str]) -> tuple[int, list[str]]:
    """Every GET page reachable from `starts` and their links (at most MAX_PAGES); returns how
    many were fetched and what went wrong."""
    queue, seen, wrong = deque(starts), set(starts), []
    variants: Counter[str] = Counter()
    fetched = 0
    while queue and fetched < MAX_PAGES:
        path = queue.popleft()
        answer = browser.get(PREFIX + path)
        fetched += 1
        found: list[tuple[str, str, str]] = []
        if "Location" in answer.headers:
            found.append(("redirect", "Location", answer.headers["Location"]))
        if answer.mimetype == "text/html":
            page = Addresses()
            page.feed(answer.text)
            if page.root is not None and page.root != PREFIX:
                wrong.append(f"{path}: data-root={page.root!r}")
            found += page.found
        for tag, attribute, value in found:
            try:
                target = local(value)
            except AssertionError:
                wrong.append(f"{path}: <{tag} {attribute}={value!r}> leaves {PREFIX}")
                continue
            follow = tag in ("a", "redirect") and target is not None
            if follow and target not in seen and "logout" not in target:
                seen.add(target)
                variants[target.split("?")[0]] += 1
                if variants[target.split("?")[0]] <= VARIANTS_PER_PATH:
                    queue.append(target)
    return fetched, wrong


def route_table_pages(app_under_test: AppUnderTest) -> list[str]:
    return sorted({example_path(rule) for key, rule in routes(app_under_test.app)
                   if key.startswith("GET ")})


@pytest.fixture(params=["office", "mpp"])
def office_app(request: pytest.FixtureRequest, make_app: AppFactory,
               tmp_path: Path) -> AppUnderTest:
    """A plain office taking bookings, and the example Mal Pelayanan Publik (agencies, logos,
    the agency step of the kiosk)."""
    if request.param == "office":
        return make_app(extra_service=AKTA_BOOKING)
    directory = tmp_path / "mpp"
    directory.mkdir()
    write_mpp_config(directory)
    return make_app(config_dir=directory)


def test_every_page_link_form_script_and_redirect_stays_under_the_prefix(
        office_app: AppUnderTest) -> None:
    browser = mounted(office_app)
    issued = browser.post(f"{PREFIX}/api/v1/tickets", json={
        "service": office_app.office.settings.services[0].code})
    assert issued.status_code == 201, issued.text
    starts = ["/", "/admin/", f"/t/{issued.get_json()['id']}",
              *route_table_pages(office_app)]
    fetched, wrong = crawl(browser, starts)
    assert wrong == [], "\n".join(wrong)
    assert fetched > 60


def test_a_request_built_address_carries_the_prefix(app_under_test: AppUnderTest) -> None:
    """The pairing link the admin hands an installer (no public_url configured: the address
    the admin used), the API's pairing URL, the lobby playlist's media URLs and the sign-in
    redirect of a stranger."""
    browser = mounted(app_under_test)
    page = browser.get(f"{PREFIX}/admin/perangkat").text
    created = browser.post(f"{PREFIX}/admin/perangkat/tautan", data={
        "name": "TV Lobi", "role": "display", "csrf_token": csrf_from(page)})
    assert created.status_code == 201, created.text
    link = re.search(r'id="pair-url" href="([^"]+)"', created.text)
    assert link is not None and link.group(1).startswith(f"http://localhost{PREFIX}/p/")
    answer = browser.post(f"{PREFIX}/api/v1/devices", json={"name": "TV", "role": "display"})
    assert answer.status_code == 201, answer.text
    assert answer.get_json()["pair_url"].startswith(f"http://localhost{PREFIX}/devices/pair?")
    uploaded = browser.post(f"{PREFIX}/admin/media", content_type="multipart/form-data", data={
        "file": (io.BytesIO(image_bytes()), "logo.png"), "active": "1"})
    assert uploaded.status_code == 302 and uploaded.location == f"{PREFIX}/admin/media"
    items = browser.get(f"{PREFIX}/api/v1/media/playlist").get_json()["items"]
    assert [item["url"] for item in items] == [f"{PREFIX}/media/logo.png"]
    assert browser.get(items[0]["url"]).status_code == 200
    stranger = app_under_test.client().get(f"{PREFIX}/admin/")
    assert stranger.location == f"{PREFIX}/console/login?next=/admin/"


# Front-end scripts: every address of the app goes through AntreanCommon.url or .socket.
SCRIPT_FOLDERS = [REPO_ROOT / "antrean/web/static/js", REPO_ROOT / "display/static/js",
                  REPO_ROOT / "kiosk/static/js"]
QUOTED_PATH = re.compile(r"""(["'`])/[A-Za-z][^"'`]*\1""")
THROUGH_HELPER = re.compile(r"""(\burl|\bappUrl|\bsocket)\(\s*$|\+\s*$""")  # url("/x"), base + "/x"
ALLOWED = {
    # The one place that adds the prefix to the Socket.IO transport path.
    ("screen_common.js", '"/socket.io"'),
    # Reads a booking code out of a scanned QR text, never asks for the address.
    ("kiosk_checkin.js", '"/b/"'),
}


def code_lines(text: str) -> list[str]:
    """The script without its comments (block comments and // line comments)."""
    text = re.sub(r"/\*.*?\*/", lambda m: "\n" * m.group(0).count("\n"), text, flags=re.S)
    return [re.sub(r"(^|\s)//.*$", "", line) for line in text.splitlines()]


def test_no_front_end_script_asks_for_an_absolute_app_path_of_its_own() -> None:
    scripts = [path for folder in SCRIPT_FOLDERS for path in sorted(folder.glob("*.js"))]
    assert len(scripts) > 15
    wrong = []
    for script in scripts:
        for number, line in enumerate(code_lines(script.read_text(encoding="utf-8")), 1):
            for match in QUOTED_PATH.finditer(line):
                if (script.name, match.group(0)) in ALLOWED:
                    continue
                if not THROUGH_HELPER.search(line[:match.start()]):
                    wrong.append(f"{script.relative_to(REPO_ROOT)}:{number}: {line.strip()}")
    assert wrong == [], "\n".join(wrong)


def test_a_form_posted_under_the_prefix_redirects_under_it(app_under_test: AppUnderTest) -> None:
    browser = mounted(app_under_test)
    form = browser.get(f"{PREFIX}/admin/teks-berjalan").text
    saved = browser.post(f"{PREFIX}/admin/teks-berjalan",
                         data={"text": "Selamat datang", "csrf_token": csrf_from(form)})
    assert saved.status_code == 302 and saved.location == f"{PREFIX}/admin/teks-berjalan"
    left = browser.post(f"{PREFIX}/console/logout", data={"csrf_token": csrf_from(form)})
    assert left.status_code == 302 and left.location == f"{PREFIX}/console/login"


PYTHON_FOLDERS = [REPO_ROOT / "antrean/web", REPO_ROOT / "display", REPO_ROOT / "kiosk"]


def test_every_redirect_goes_through_the_one_prefix_aware_helper() -> None:
    """flask.redirect("/x") would leave the prefix: only antrean/web/paths.py calls it."""
    wrong = [f"{path.relative_to(REPO_ROOT)}:{number}: {line.strip()}"
             for folder in PYTHON_FOLDERS for path in sorted(folder.glob("*.py"))
             if path.name != "paths.py"
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if re.search(r"(?<![\w.])redirect\(", line)]
    assert wrong == [], "\n".join(wrong)
