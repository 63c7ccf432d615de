"""An agency's people stay inside their agency (issue 17): an agency admin neither reads nor
changes another agency's services, counters, staff or figures; a petugas neither calls at
another agency's counter nor touches its tickets. On SQLite and PostgreSQL, where the target's
agency is read from the database (tickets, accounts, the live set-up)."""

from __future__ import annotations

from pathlib import Path

import pytest

from antrean.core.access import Role
from antrean.usecases.access.accounts import UserSummary, list_users
from tests.support.app import AppFactory, AppUnderTest, csrf_from
from tests.support.mpp_office import COUNTER, OTHER_SERVICE, SERVICE, A, B, add_person, mpp_app

SAMSAT_NAMES = ("Pajak Kendaraan", "Balik Nama Kendaraan", "Gerai Samsat", "petugas_b")


@pytest.fixture
def mpp(make_app: AppFactory, tmp_path: Path, database_url: str) -> AppUnderTest:
    office = mpp_app(make_app, tmp_path / "mpp", database_url)
    for username, role, agency in (("petugas_a", Role.PETUGAS, A), ("petugas_b", Role.PETUGAS, B),
                                   ("admin_a", Role.ADMIN, A), ("kepala", Role.ADMIN, None)):
        add_person(office, username, role, agency)
    return office


def issue(office: AppUnderTest, service: str) -> str:
    return str(office.client().post("/api/v1/tickets", json={"service": service})
               .get_json()["id"])


def refused(answer: object) -> bool:
    body = answer.get_json()  # type: ignore[attr-defined]
    return answer.status_code == 403 and body["error"] == "outside_scope" \
        and "instansi" in body["message"]  # type: ignore[attr-defined]


def test_an_agency_admin_changes_only_its_own_services_and_counters(mpp: AppUnderTest) -> None:
    admin_a, api = mpp.bearer("admin_a"), mpp.client()
    assert refused(api.patch(f"/api/v1/setup/services/{SERVICE[B]}", headers=admin_a,
                             json={"name": "Diubah Dukcapil"}))
    assert refused(api.post(f"/api/v1/setup/services/{SERVICE[B]}/pause", headers=admin_a,
                            json={"reason": "Tutup"}))
    assert refused(api.delete(f"/api/v1/setup/counters/{COUNTER[B]}", headers=admin_a))
    # Nor by moving its own counter onto the other agency's services, or adding one there.
    assert refused(api.patch(f"/api/v1/setup/counters/{COUNTER[A]}", headers=admin_a,
                             json={"services": [SERVICE[B]]}))
    assert refused(api.post("/api/v1/setup/services", headers=admin_a, json={
        "code": "UJI", "name": "Uji", "prefix": "U", "agency": B}))
    setup = api.get("/api/v1/setup", headers=mpp.bearer("kepala")).get_json()
    names = {s["code"]: s["table"]["name"] for s in setup["services"]}
    assert names[SERVICE[B]] == "Pajak Kendaraan" and "UJI" not in names
    assert [c["services"] for c in setup["counters"] if c["number"] == COUNTER[A]] \
        == [[SERVICE[A], OTHER_SERVICE[A]]]
    # Its own agency it runs: a new service lands in its agency without naming it.
    changed = api.patch(f"/api/v1/setup/services/{SERVICE[A]}", headers=admin_a,
                        json={"name": "KTP Elektronik"})
    assert changed.status_code == 200, changed.text
    added = api.post("/api/v1/setup/services", headers=admin_a,
                     json={"code": "KIA", "name": "Kartu Identitas Anak", "prefix": "K"})
    assert added.status_code == 201, added.text
    assert mpp.office.settings.service("KIA").agency == A  # type: ignore[union-attr]


def test_an_agency_admin_sees_no_other_agency_on_its_pages(mpp: AppUnderTest) -> None:
    issue(mpp, SERVICE[B])
    admin_a, kepala = mpp.signed_in("admin_a"), mpp.signed_in("kepala")
    for path in ("/admin/", "/admin/layanan", "/admin/pengguna", "/admin/loket/baru",
                 "/admin/standar"):
        page = admin_a.get(path)
        assert page.status_code == 200, path
        assert [name for name in SAMSAT_NAMES if name in page.text] == [], path
    assert "Pajak Kendaraan" in kepala.get("/admin/layanan").text
    assert "petugas_b" in kepala.get("/admin/pengguna").text
    # Its menu offers only pages that let it in; the office's pages refuse it.
    overview = admin_a.get("/admin/").text
    assert "/admin/perangkat" not in overview and "/admin/kantor" not in overview
    assert "/admin/perangkat" in kepala.get("/admin/").text
    assert admin_a.get(f"/admin/layanan/{SERVICE[B]}/ubah").status_code == 403
    assert admin_a.get(f"/admin/loket/{COUNTER[B]}/ubah").status_code == 403
    assert admin_a.get("/admin/perangkat").status_code == 403


def test_reports_ikm_complaints_and_monitor_show_an_agency_admin_its_own_agency(
        mpp: AppUnderTest) -> None:
    """The figures are forced to the person's agency; asking for another is refused."""
    admin_a, kepala, api = mpp.bearer("admin_a"), mpp.bearer("kepala"), mpp.client()
    issue(mpp, SERVICE[A])
    issue(mpp, SERVICE[B])
    issue(mpp, SERVICE[B])
    own = api.get("/api/v1/stats", headers=admin_a).get_json()
    whole = api.get("/api/v1/stats", headers=kepala).get_json()
    assert own["agency_filter"] == A and whole["agency_filter"] is None
    assert own["overall"]["issued"] == 1 and whole["overall"]["issued"] == 3
    monitor = api.get("/monitor/data.json", headers=admin_a).get_json()
    assert {s["code"] for s in monitor["services"]} <= {s.code for s in
                                                        mpp.office.settings.services_of(A)}
    for path in ("/laporan", "/admin/ikm", "/api/v1/ikm", "/admin/pengaduan",
                 "/admin/pengaduan/rekap", "/monitor/data.json"):
        assert api.get(path, headers=admin_a).status_code == 200, path
        other = "agency" if path.startswith("/api/") else "instansi"
        assert api.get(f"{path}?{other}={B}", headers=admin_a).status_code == 403, path
        assert api.get(f"{path}?{other}={B}", headers=kepala).status_code == 200, path
    # Agencies side by side are the building's: the MPP manager's alone.
    assert api.get("/laporan/instansi", headers=admin_a).status_code == 403
    assert api.get("/laporan/instansi", headers=kepala).status_code == 200


def test_an_agency_admin_manages_only_the_petugas_of_its_agency(mpp: AppUnderTest) -> None:
    admin_a, api = mpp.bearer("admin_a"), mpp.client()
    users = {u.username: u.user_id for u in _accounts(mpp)}
    for target in ("petugas_b", "kepala"):
        assert refused(api.post(f"/api/v1/users/{users[target]}/revoke-tokens",
                                headers=admin_a)), target
    browser = mpp.signed_in("admin_a")
    page = browser.get("/admin/pengguna").text
    token = csrf_from(page)
    for target in ("petugas_b", "kepala"):
        answer = browser.post(f"/admin/pengguna/{users[target]}/nonaktifkan",
                              data={"csrf_token": token})
        assert answer.status_code == 403, target
    # It creates petugas of its own agency only, never an admin nor another agency's.
    form = {"username": "baru", "display_name": "", "password": "rahasia-123",
            "csrf_token": token}
    assert browser.post("/admin/pengguna", data={**form, "role": "admin"}).status_code == 403
    assert browser.post("/admin/pengguna",
                        data={**form, "role": "petugas", "agency": B}).status_code == 403
    assert browser.post("/admin/pengguna", data={**form, "role": "petugas"}).status_code == 302
    assert {u.username: u.agency for u in _accounts(mpp)}["baru"] == A
    deactivated = browser.post(f"/admin/pengguna/{users['petugas_a']}/nonaktifkan",
                               data={"csrf_token": token})
    assert deactivated.status_code == 302
    assert all(u.active for u in _accounts(mpp) if u.username in ("petugas_b", "kepala"))


def _accounts(mpp: AppUnderTest) -> list[UserSummary]:
    return list_users(mpp.office)


def test_a_petugas_calls_only_at_its_agencys_counters_and_on_its_tickets(
        mpp: AppUnderTest) -> None:
    ticket_b = issue(mpp, SERVICE[B])
    ticket_a = issue(mpp, SERVICE[A])
    petugas_a, api = mpp.bearer("petugas_a"), mpp.client()
    for action in ("take", "call-next", "recall"):
        assert refused(api.post(f"/api/v1/counters/{COUNTER[B]}/{action}", headers=petugas_a,
                                json={})), action
    for action in ("start", "skip", "cancel", "reprint"):
        assert refused(api.post(f"/api/v1/tickets/{ticket_b}/{action}", headers=petugas_a,
                                json={})), action
    waiting = api.get(f"/api/v1/tickets/{ticket_b}").get_json()
    assert waiting["status"] == "waiting"
    called = api.post(f"/api/v1/counters/{COUNTER[A]}/call-next", headers=petugas_a)
    assert called.get_json()["id"] == ticket_a
    assert api.post(f"/api/v1/tickets/{ticket_a}/start", headers=petugas_a).status_code == 200


def test_the_console_offers_a_petugas_only_its_agencys_counters(mpp: AppUnderTest) -> None:
    browser = mpp.signed_in("petugas_a")
    page = browser.get("/console/").text
    assert "Gerai Dukcapil 1" in page and "Gerai Dukcapil 2" in page
    assert "Gerai Samsat" not in page
    answer = browser.post("/console/loket", data={"counter": str(COUNTER[B]),
                                                  "csrf_token": csrf_from(page)})
    assert answer.status_code == 403 and "instansi Anda" in answer.text
    assert browser.get("/console/state.json").status_code == 409  # no loket chosen


def test_a_petugas_transfers_within_its_agency_only(mpp: AppUnderTest) -> None:
    petugas_a, api = mpp.bearer("petugas_a"), mpp.client()
    ticket = issue(mpp, SERVICE[A])
    api.post(f"/api/v1/counters/{COUNTER[A]}/call-next", headers=petugas_a)
    state = mpp.signed_in("petugas_a")
    state.post("/console/loket", data={"counter": str(COUNTER[A]),
                                       "csrf_token": csrf_from(state.get("/console/").text)})
    targets = [t["code"] for t in state.get("/console/state.json").get_json()
               ["transfer_targets"]]
    assert targets == [OTHER_SERVICE[A]]
    answer = api.post(f"/api/v1/tickets/{ticket}/transfer", headers=petugas_a,
                      json={"service": SERVICE[B]})
    assert answer.status_code == 403 and "instansi lain" in answer.get_json()["message"]
    assert api.get(f"/api/v1/tickets/{ticket}").get_json()["service"] == SERVICE[A]
    moved = api.post(f"/api/v1/tickets/{ticket}/transfer", headers=petugas_a,
                     json={"service": OTHER_SERVICE[A]})
    assert moved.status_code == 200, moved.text


def test_the_office_may_let_tickets_cross_agencies_and_its_own_staff_always_may(
        make_app: AppFactory, tmp_path: Path) -> None:
    allowing = mpp_app(make_app, tmp_path / "allowing",
                       office_extra="transfer_across_agencies = true")
    strict = mpp_app(make_app, tmp_path / "strict")
    for office, username, agency in ((allowing, "petugas_a", A), (strict, "meja_depan", None)):
        add_person(office, username, Role.PETUGAS, agency)
        staff, api = office.bearer(username), office.client()
        ticket = issue(office, SERVICE[A])
        api.post(f"/api/v1/counters/{COUNTER[A]}/call-next", headers=staff)
        moved = api.post(f"/api/v1/tickets/{ticket}/transfer", headers=staff,
                         json={"service": SERVICE[B]})
        assert moved.status_code == 200, (username, moved.text)
        assert api.get(f"/api/v1/tickets/{ticket}").get_json()["service"] == SERVICE[B]
