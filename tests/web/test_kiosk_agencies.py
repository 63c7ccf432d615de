"""An MPP's kiosk: agencies first; a kiosk device set to some agencies (chosen when it is
paired, changed later) offers only theirs and issues only their numbers."""

from __future__ import annotations

import html
import json
import re

from flask.testing import FlaskClient
from sqlalchemy import select

from antrean.core.access import Role
from antrean.db.models import Ticket
from antrean.printing.layout import TextLine, layout_slip
from antrean.usecases.queue.ticket_printing import slip_for
from tests.support.app import AppUnderTest
from tests.support.mpp import mpp_app  # noqa: F401  (a fixture)
from tests.web.test_pairing_links import open_link


def kiosk_menu(browser: FlaskClient) -> dict:  # type: ignore[type-arg]
    page = browser.get("/kiosk/")
    assert page.status_code == 200, page.text
    found = re.search(r'<script type="application/json" id="kiosk-data">(.*?)</script>',
                      page.text, re.S)
    assert found is not None
    return json.loads(html.unescape(found.group(1)))  # type: ignore[no-any-return]


def paired_kiosk(office: AppUnderTest, admin: FlaskClient, agencies: list[str]) -> FlaskClient:
    page = admin.post("/admin/perangkat/tautan", data={"role": "kiosk", "agencies": agencies})
    assert page.status_code == 201, page.text
    path = re.search(r'id="pair-url" href="http://localhost(/p/[A-Z0-9-]+)"', page.text)
    assert path is not None
    kiosk = office.client()
    assert open_link(kiosk, path.group(1)) == (302, "/kiosk/")
    return kiosk


def take(kiosk: FlaskClient, service: str) -> tuple[int, dict]:  # type: ignore[type-arg]
    answer = kiosk.post("/api/v1/tickets", json={"service": service, "channel": "kiosk"},
                        headers={"X-CSRF-Token": "x"})
    return answer.status_code, answer.get_json()


def test_the_mpp_kiosk_offers_every_agency_with_logo_and_search(
        mpp_app: AppUnderTest) -> None:  # noqa: F811
    menu = kiosk_menu(mpp_app.paired(Role.KIOSK))
    assert menu["agency_step"] and menu["agency_search"]
    assert [a["short_name"] for a in menu["agencies"]][:3] == \
        ["Disdukcapil", "Samsat", "BPJS Kesehatan"]
    assert menu["agencies"][0]["logo"] == "dukcapil.png" and len(menu["agencies"]) == 12
    assert menu["agency_speech"]["bpjs_kes"] == {"text": "BPJS Kesehatan",
                                                 "clips": ["instansi-bpjs-kes"]}
    assert {s["agency"] for s in menu["services"]} >= {"dukcapil", "pdam"}


def test_a_kiosk_set_to_some_agencies_offers_and_issues_only_theirs(
        mpp_app: AppUnderTest) -> None:  # noqa: F811
    mpp_app.add_user("kepala", Role.ADMIN)
    admin = mpp_app.signed_in("kepala")
    kiosk = paired_kiosk(mpp_app, admin, ["samsat", "bpjs_kes"])
    menu = kiosk_menu(kiosk)
    assert [a["code"] for a in menu["agencies"]] == ["samsat", "bpjs_kes"]
    assert not menu["agency_search"]  # two agencies need no search
    status, refused = take(kiosk, "KTP")
    assert status == 403 and refused == {
        "error": "service_not_at_this_kiosk",
        "message": "Nomor KTP-el (perekaman dan cetak) tidak dapat diambil di kios ini. "
                   "Silakan gunakan kios lain atau tanyakan kepada petugas."}
    status, ticket = take(kiosk, "PKB")
    assert status == 201 and (ticket["number"], ticket["agency_name"]) == ("SA-001", "Samsat")
    # Changed afterwards in Admin -> Perangkat: one agency, so the kiosk skips the step.
    device = re.search(r'action="/admin/perangkat/(\d+)/instansi"',
                       admin.get("/admin/perangkat").text)
    assert device is not None
    admin.post(f"/admin/perangkat/{device.group(1)}/instansi", data={"agencies": ["dukcapil"]})
    assert [a["code"] for a in kiosk_menu(kiosk)["agencies"]] == ["dukcapil"]
    assert take(kiosk, "KTP")[0] == 201 and take(kiosk, "PKB")[0] == 403
    admin.post(f"/admin/perangkat/{device.group(1)}/instansi", data={})  # none ticked: all
    assert len(kiosk_menu(kiosk)["agencies"]) == 12 and take(kiosk, "PKB")[0] == 201
    assert mpp_app.client().post("/api/v1/tickets", json={"service": "KTP"}).status_code == 201


def test_a_kiosk_can_only_be_set_to_known_agencies(mpp_app: AppUnderTest) -> None:  # noqa: F811
    mpp_app.add_user("kepala", Role.ADMIN)
    admin = mpp_app.signed_in("kepala")
    page = admin.post("/admin/perangkat/tautan", data={"role": "kiosk", "agencies": ["polres"]})
    assert page.status_code == 422 and "Instansi &#39;polres&#39; tidak dikenal." in page.text
    api = mpp_app.client().post("/api/v1/devices", headers=mpp_app.bearer("kepala"),
                                json={"name": "Kios Samsat", "role": "kiosk",
                                      "agencies": ["samsat"]})
    assert api.status_code == 201 and api.get_json()["agencies"] == ["samsat"]


def test_a_single_office_kiosk_has_no_agency_step(app_under_test: AppUnderTest) -> None:
    browser = app_under_test.paired(Role.KIOSK)
    menu = kiosk_menu(browser)
    assert (menu["agency_step"], menu["agencies"], menu["agency_search"]) == (False, [], False)
    assert "kiosk_agencies.js" not in browser.get("/kiosk/").text
    status, ticket = take(browser, "KTP")
    assert status == 201 and ticket["agency_name"] is None


def test_the_printed_ticket_of_an_mpp_names_the_agency(mpp_app: AppUnderTest) -> None:  # noqa: F811
    ticket = mpp_app.client().post("/api/v1/tickets", json={"service": "KTP"}).get_json()
    office = mpp_app.office
    with office.transaction() as session:
        row = session.scalar(select(Ticket).where(Ticket.public_id == ticket["id"]))
        assert row is not None
        slip = slip_for(session, office, row, "")
    lines = [e.text for e in layout_slip(slip, 48) if isinstance(e, TextLine)]
    assert "Disdukcapil — KTP-el (perekaman dan cetak)" in lines
    assert slip.office_name == "Mal Pelayanan Publik Kabupaten Banjar"
