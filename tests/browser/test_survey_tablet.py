"""The survey tablet at a loket: paired by a petugas, it asks whoever was just served."""

from __future__ import annotations

from collections.abc import Callable

import requests
from playwright.sync_api import Browser, Page, expect

from tests.browser.helpers import sign_in
from tests.support.browser import screenshot
from tests.support.feedback import served_ticket, visible_screen
from tests.support.live_server import PASSWORD, LiveServer


def test_the_paired_tablet_follows_its_loket(start_server: Callable[..., LiveServer],
                                             browser: Browser) -> None:
    server = start_server()
    server.create_user("siti", PASSWORD, "petugas")
    staff = server.login("siti", PASSWORD)
    tablet_context = browser.new_context(viewport={"width": 1024, "height": 768},
                                         locale="id-ID", has_touch=True)
    tablet = tablet_context.new_page()
    tablet.goto(f"{server.url}/survei/loket/2")
    expect(tablet.get_by_role("heading", name="Tablet survei belum dipasangkan")).to_be_visible()
    tablet.get_by_role("link", name="Masuk untuk memasangkan").click()
    tablet.fill("#username", "siti")
    tablet.fill("#password", PASSWORD)
    tablet.get_by_role("button", name="Masuk").click()
    tablet.get_by_role("button", name="Pasangkan Tablet").click()
    expect(tablet.get_by_text("luangkan satu menit")).to_be_visible()
    screenshot(tablet, "survey-tablet-idle")

    # The petugas at loket 2 serves someone; the tablet turns to that person's survey.
    ticket_id = served_ticket(server, staff, counter=2, service="AKTA")
    expect(tablet.locator(".ticket-no")).to_have_text("C-001", timeout=20_000)
    visible_screen(tablet, "survey-tablet")
    for code in [f"U{i}" for i in range(1, 10)]:
        tablet.locator(f"#q-{code} .choice.v4").click()
    tablet.locator(".choice.plain", has_text="Laki-laki").click()
    tablet.fill("#age", "58")
    tablet.select_option("#education", "sma")
    tablet.select_option("#occupation", "wirausaha")
    tablet.get_by_role("button", name="Kirim Survei").click()
    expect(tablet.get_by_role("heading", name="Terima kasih!")).to_be_visible()
    screenshot(tablet, "survey-tablet-thanks")
    expect(tablet.get_by_text("luangkan satu menit")).to_be_visible(timeout=20_000)

    report = requests.get(f"{server.url}/api/v1/ikm", headers=staff, timeout=10).json()
    assert (report["responses"], report["ikm_label"], report["grade"]) == (1, "100,00", "A")
    again = requests.get(f"{server.url}/survei/{ticket_id}", timeout=10)
    assert "Terima kasih, survei untuk tiket ini sudah diisi" in again.text
    tablet_context.close()


def test_an_admin_pairs_a_tablet_by_link_and_revokes_it(
        start_server: Callable[..., LiveServer], browser: Browser, page: Page) -> None:
    server = start_server().with_users(kepala="admin")
    sign_in(page, server, "kepala", path="/admin/perangkat")
    page.select_option("#tablet-counter", "2")
    page.get_by_role("button", name="Buat tautan tablet").click()
    link = page.locator("#tablet-url").input_value()
    screenshot(page, "admin-tablet-link")

    tablet_context = browser.new_context(viewport={"width": 1024, "height": 768},
                                         locale="id-ID", has_touch=True)
    tablet = tablet_context.new_page()
    tablet.goto(link)
    tablet.get_by_role("button", name="Pasangkan Tablet").click()
    expect(tablet.get_by_text("luangkan satu menit")).to_be_visible()

    page.goto(f"{server.url}/admin/perangkat")
    row = page.locator("#tablets-table tbody tr").first
    expect(row).to_contain_text("Aktif")
    screenshot(page, "admin-tablets")
    row.get_by_role("button", name="Cabut").click()
    expect(page.locator("#tablets-table")).to_contain_text("Belum ada tablet survei")
    tablet.reload()
    expect(tablet.get_by_role("heading", name="Tablet survei belum dipasangkan")).to_be_visible()
    tablet_context.close()
