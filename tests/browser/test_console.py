"""The counter console in Chromium: sign in, pick a loket, call and serve with buttons and keys."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import requests
from playwright.sync_api import Page, expect

from tests.browser.helpers import PASSWORD, issue, press_shortcut, sign_in
from tests.support.browser import screenshot, wait_for
from tests.support.live_server import LiveServer


@pytest.fixture
def server(start_server: Callable[..., LiveServer]) -> LiveServer:
    return start_server().with_users(siti="petugas")


def open_console(page: Page, server: LiveServer, counter: int = 1) -> None:
    sign_in(page, server, "siti")
    expect(page.get_by_role("heading", name="Pilih loket Anda")).to_be_visible()
    page.click(f"button[name=counter][value='{counter}']")
    expect(page.locator("#counter-name")).to_have_text(f"Loket {counter}")
    wait_for(page, "window.AntreanConsole !== undefined")  # keys are listened to


def button(page: Page, action: str):  # type: ignore[no-untyped-def]
    return page.locator(f"[data-action='{action}']")


def test_a_petugas_calls_with_the_button_and_with_the_keyboard(server: LiveServer,
                                                               page: Page) -> None:
    first, second = issue(server), issue(server, "KK")
    open_console(page, server)
    expect(page.locator("#waiting-list tr")).to_have_count(2)
    expect(button(page, "call")).to_be_enabled()
    expect(button(page, "recall")).to_be_disabled()
    button(page, "call").click()
    expect(page.locator("#current-number")).to_have_text(first["number"])
    expect(page.locator("#current-status")).to_have_text("Dipanggil")
    expect(button(page, "recall")).to_be_enabled()
    press_shortcut(page, "p")
    expect(page.locator("#current-number")).to_have_text(second["number"])
    expect(page.locator("#waiting-list tr")).to_have_count(0)
    expect(page.locator("#waiting-empty")).to_be_visible()
    expect(button(page, "call")).to_be_disabled()
    # The first ticket was closed by the second call, and counts for this loket today.
    expect(page.locator("#served-today")).to_have_text("1")


def test_call_start_finish_counts_today_and_the_buttons_follow(server: LiveServer,
                                                              page: Page) -> None:
    ticket = issue(server)
    open_console(page, server)
    expect(page.locator("kbd", has_text="P").first).to_be_visible()
    press_shortcut(page, "p")
    expect(page.locator("#current-number")).to_have_text(ticket["number"])
    for action in ("start", "finish", "skip", "no_show", "transfer", "recall"):
        expect(button(page, action)).to_be_enabled()
    press_shortcut(page, "m")
    expect(page.locator("#current-status")).to_have_text("Sedang Dilayani")
    expect(button(page, "start")).to_be_disabled()
    expect(button(page, "skip")).to_be_disabled()
    expect(page.locator("#timer-served")).not_to_have_text("—")
    button(page, "finish").click()
    expect(page.locator("#console-message")).to_have_text(f"{ticket['number']} selesai dilayani.")
    expect(page.locator("#current-number")).to_have_text("—")
    expect(page.locator("#served-today")).to_have_text("1")
    expect(page.locator("#served-by-me")).to_have_text("1")
    assert requests.get(f"{server.url}/api/v1/tickets/{ticket['id']}",
                        timeout=10).json()["status"] == "done"


def test_transfer_moves_the_ticket_to_another_service(server: LiveServer, page: Page) -> None:
    ticket = issue(server)
    open_console(page, server)
    button(page, "call").click()
    expect(page.locator("#current-number")).to_have_text(ticket["number"])
    page.select_option("#transfer-target", "AKTA")
    button(page, "transfer").click()
    expect(page.locator("#console-message")).to_have_text(
        f"{ticket['number']} dialihkan ke Akta Kelahiran.")
    expect(page.locator("#current-number")).to_have_text("—")
    moved = requests.get(f"{server.url}/api/v1/tickets/{ticket['id']}", timeout=10).json()
    assert moved["service"] == "AKTA" and moved["status"] == "transferred"
    # Loket 1 does not serve AKTA: the ticket left this console's waiting list.
    expect(page.locator("#waiting-list tr")).to_have_count(0)


def test_the_console_updates_live_and_shows_priority(server: LiveServer, page: Page) -> None:
    open_console(page, server)
    expect(page.locator("#waiting-empty")).to_be_visible()
    regular = issue(server)
    priority = issue(server, "KK", priority="lansia")
    rows = page.locator("#waiting-list tr")
    expect(rows).to_have_count(2)
    expect(rows.first).to_have_attribute("data-number", priority["number"])
    expect(rows.first).to_contain_text("Prioritas")
    expect(rows.nth(1)).to_have_attribute("data-number", regular["number"])
    for service in ("KTP", "KK", "KTP"):
        issue(server, service)
    press_shortcut(page, "p")
    expect(page.locator("#current-number")).to_have_text(priority["number"])
    expect(page.locator("#current-priority")).to_have_text("Prioritas: Lanjut usia (60+)")
    press_shortcut(page, "m")
    expect(page.locator("#current-status")).to_have_text("Sedang Dilayani")
    expect(rows).to_have_count(4)
    screenshot(page, "console")


def test_break_and_open_and_errors_are_shown_in_indonesian(server: LiveServer,
                                                           page: Page) -> None:
    issue(server)
    open_console(page, server)
    expect(page.locator("#counter-state")).to_have_text("Loket Tutup")
    expect(button(page, "pause")).to_be_hidden()
    press_shortcut(page, "i")
    expect(page.locator("#counter-state")).to_have_text("Buka")
    press_shortcut(page, "i")
    expect(page.locator("#counter-state")).to_have_text("Istirahat")
    # The session ends elsewhere (signed out in another tab): the next action says so.
    csrf = page.locator("#console").get_attribute("data-csrf")
    page.request.post(server.url + "/console/logout", form={"csrf_token": csrf or ""})
    # Not press_shortcut: a refresh (a late push from the break) may notice the ended session
    # first and disable every button, and then says the same.
    page.keyboard.press("p")
    expect(page.locator("#console-message")).to_have_text(
        "Sesi Anda berakhir. Muat ulang halaman lalu masuk kembali.")
    assert requests.get(f"{server.url}/api/v1/services", timeout=10).json()[0]["waiting"] == 1


def test_a_skipped_ticket_can_go_back_to_the_queue(server: LiveServer, page: Page) -> None:
    late, other = issue(server), issue(server)
    open_console(page, server)
    press_shortcut(page, "p")
    expect(page.locator("#current-number")).to_have_text(late["number"])
    press_shortcut(page, "l")
    expect(page.locator("#console-message")).to_have_text(f"{late['number']} dilewati.")
    skipped = page.locator(f"#skipped-list tr[data-number='{late['number']}']")
    expect(skipped).to_be_visible()
    expect(page.locator("#waiting-list tr")).to_have_count(1)
    # The citizen turns up: back in the queue at the place the issue time gives, i.e. first.
    skipped.get_by_role("button", name="Kembalikan ke Antrean").click()
    expect(page.locator("#console-message")).to_have_text(
        f"{late['number']} dikembalikan ke antrean.")
    expect(page.locator("#skipped-card")).to_be_hidden()
    rows = page.locator("#waiting-list tr")
    expect(rows).to_have_count(2)
    expect(rows.first).to_have_attribute("data-number", late["number"])
    expect(rows.nth(1)).to_have_attribute("data-number", other["number"])


def test_calling_out_of_turn_needs_a_reason_that_reaches_the_audit_log(
        server: LiveServer, page: Page) -> None:
    first, _second, lansia = issue(server), issue(server), issue(server)
    server.create_user("kepala", PASSWORD, "admin")
    open_console(page, server)
    row = page.locator(f"#waiting-list tr[data-number='{lansia['number']}']")
    row.get_by_role("button", name="Panggil").click()
    dialog = page.locator("#out-of-order")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text(f"Panggil {lansia['number']} di luar urutan")
    dialog.get_by_role("button", name="Panggil").click()  # no reason yet: stays open
    expect(dialog).to_be_visible()
    expect(page.locator("#current-number")).not_to_have_text(lansia["number"])
    page.fill("#out-of-order-reason", "Lansia sudah menunggu di loket yang salah")
    screenshot(page, "console-out-of-order")
    dialog.get_by_role("button", name="Panggil").click()
    expect(page.locator("#current-number")).to_have_text(lansia["number"])
    expect(page.locator("#console-message")).to_have_text(
        f"{lansia['number']} dipanggil di luar urutan.")
    expect(page.locator("#waiting-list tr").first).to_have_attribute("data-number",
                                                                      first["number"])
    audit = requests.get(f"{server.url}/api/v1/audit", timeout=10,
                         headers=server.login("kepala", PASSWORD)).json()
    entry = next(item for item in audit if item["target"] == f"ticket:{lansia['number']}")
    assert entry["detail"] == "Lansia sudah menunggu di loket yang salah"
    assert entry["user"] == "siti"
