"""The Content-Security-Policy blocks nothing the app's own pages do: every screen runs in
Chromium without a single violation (issue 11, defect 11)."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import Page

from tests.browser.helpers import issue, sign_in
from tests.support.booking import AKTA_BOOKING
from tests.support.live_server import LiveServer
from tests.support.pairing import pair_browser

# Pages that may be reached once signed in as admin, each of which runs scripts.
STAFF_PAGES = ("/console/", "/admin/", "/admin/perangkat", "/admin/pengguna", "/admin/cetak",
               "/admin/ikm", "/admin/booking", "/laporan", "/monitor")


def watch_violations(page: Page) -> list[str]:
    """Every CSP report Chromium gives: console errors and securitypolicyviolation events."""
    seen: list[str] = []
    page.on("console", lambda message: seen.append(message.text)
            if "Content Security Policy" in message.text else None)
    page.add_init_script("""document.addEventListener('securitypolicyviolation', event =>
        console.error('Content Security Policy violation: ' + event.violatedDirective
                      + ' ' + event.blockedURI))""")
    return seen


def settle(page: Page) -> None:
    page.wait_for_load_state("networkidle")


def test_no_page_violates_the_content_policy(start_server: Callable[..., LiveServer],
                                             page: Page) -> None:
    server = start_server(extra_service=AKTA_BOOKING).with_users(kepala="admin")
    violations = watch_violations(page)
    ticket = issue(server)
    for role in ("kiosk", "display"):
        pair_browser(page, server, role)
        settle(page)
        assert page.evaluate("document.scripts.length") > 0
    page.context.clear_cookies()
    for path in (f"/t/{ticket['id']}", "/ambil", "/ambil/AKTA", "/layanan", "/pengaduan"):
        page.goto(server.url + path)
        settle(page)
    sign_in(page, server, "kepala", path="/admin/")
    for path in STAFF_PAGES:
        page.goto(server.url + path)
        settle(page)
    assert violations == []
    # The policy is enforced, not only sent: an injected inline script does not run.
    page.goto(server.url + "/console/")
    page.evaluate("""() => { const s = document.createElement('script');
        s.textContent = 'window.injected = 1'; document.body.appendChild(s); }""")
    assert page.evaluate("window.injected") is None
    assert any("inline" in text or "script-src" in text for text in violations)
