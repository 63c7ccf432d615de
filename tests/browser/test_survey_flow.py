"""End to end: a ticket served through the API, the citizen answers on a phone, the admin
reads the IKM on /admin/ikm and in the XLSX export."""

from __future__ import annotations

from collections.abc import Callable

from openpyxl import load_workbook
from playwright.sync_api import Browser, Page, expect

from antrean.core.respondent import parse_respondent
from antrean.usecases.feedback.survey import submit_survey
from tests.support.browser import screenshot
from tests.support.feedback import (
    WORKED_NRR,
    served_ticket,
    visible_screen,
    worked_example_sheets,
)
from tests.support.live_server import PASSWORD, LiveServer

PROFILES = [
    {"sex": "L", "age": "34", "education": "sma", "occupation": "wirausaha"},
    {"sex": "P", "age": "27", "education": "s1", "occupation": "swasta"},
    {"sex": "P", "age": "62", "education": "sd", "occupation": "lainnya"},
]


def test_citizen_answers_on_a_phone_and_the_admin_sees_the_ikm(
        start_server: Callable[..., LiveServer], browser: Browser, page: Page,
        tmp_path) -> None:  # type: ignore[no-untyped-def]
    server = start_server()
    server.create_user("siti", PASSWORD, "petugas")
    server.create_user("kepala", PASSWORD, "admin")
    staff = server.login("siti", PASSWORD)
    sheets = worked_example_sheets()
    for i, sheet in enumerate(sheets[1:]):
        ticket_id = served_ticket(server, staff, service=("KTP", "KK")[i % 2])
        # The other answers are on file already, as the survey page would have stored them.
        submit_survey(server.office, ticket_id, sheet, parse_respondent(PROFILES[i % 3]), "link")

    ticket_id = served_ticket(server, staff)
    phone = browser.new_context(viewport={"width": 390, "height": 844}, locale="id-ID",
                                device_scale_factor=2, is_mobile=True, has_touch=True)
    mobile = phone.new_page()
    mobile.goto(f"{server.url}/survei/{ticket_id}")  # what the QR code on the ticket opens
    expect(mobile.locator(".ticket-no")).to_have_text("A-006")
    visible_screen(mobile, "survey-form")  # what the phone shows first
    mobile.get_by_role("button", name="Kirim Survei").click()  # nothing chosen yet
    expect(mobile.locator(".element.missing")).to_have_count(9)
    for code, value in sheets[0].items():
        mobile.locator(f"#q-{code} .choice.v{value}").click()
    expect(mobile.locator("#answered")).to_have_text("9")
    mobile.locator(".choice.plain", has_text="Perempuan").click()
    mobile.fill("#age", "41")
    mobile.select_option("#education", "diploma")
    mobile.select_option("#occupation", "pns")
    mobile.fill("#suggestion", "Ruang tunggu sudah nyaman, mohon tambah kipas angin.")
    mobile.locator("#suggestion").scroll_into_view_if_needed()
    visible_screen(mobile, "survey-form-filled")  # the end of the form, the sticky send bar
    mobile.get_by_role("button", name="Kirim Survei").click()
    expect(mobile.get_by_role("heading", name="Terima kasih!")).to_be_visible()
    screenshot(mobile, "survey-thanks")
    mobile.goto(f"{server.url}/survei/{ticket_id}")
    expect(mobile.get_by_text("Terima kasih, survei untuk tiket ini sudah diisi")).to_be_visible()
    screenshot(mobile, "survey-already")
    phone.close()

    page.goto(f"{server.url}/admin/ikm")
    expect(page).to_have_url(f"{server.url}/console/login?next=/admin/ikm")
    page.fill("#username", "kepala")
    page.fill("#password", PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    expect(page.locator("#ikm-value")).to_have_text("81,94")
    expect(page.locator("#ikm-grade")).to_have_text("B")
    expect(page.locator("#ikm-responses")).to_have_text("10")
    expect(page.locator("#elements td.nrr")).to_have_text(WORKED_NRR)
    expect(page.get_by_text("mohon tambah kipas angin")).to_be_visible()
    screenshot(page, "ikm")
    page.emulate_media(media="print")
    expect(page.locator(".admin-nav")).to_be_hidden()
    screenshot(page, "ikm-print")
    page.emulate_media(media="screen")

    with page.expect_download() as download_info:
        page.locator("#xlsx").click()
    path = tmp_path / "ikm.xlsx"
    download_info.value.save_as(path)
    sheet = load_workbook(path)["IKM"]
    values = {row[0].value: row[1].value for row in sheet.iter_rows(min_row=2, max_row=8)}
    assert values["IKM"] == 81.94
    assert values["Mutu pelayanan"] == "B"
    assert values["Jumlah responden"] == 10
    nrr = [f"{row[2].value:.2f}".replace(".", ",") for row in sheet.iter_rows(min_row=11,
                                                                           max_row=19)]
    assert nrr == WORKED_NRR
