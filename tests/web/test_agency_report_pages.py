"""An MPP's pages by agency (instansi), in-process: the monitor's filter, the report, IKM,
complaint recap and SKM pages of one agency, agencies side by side with CSV and XLSX, and the
API's `agency` parameter. A single office shows none of it."""

from __future__ import annotations

import csv
import html
import io
import json
import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from antrean.core.access import Role
from antrean.usecases.access.accounts import create_user
from antrean.usecases.queue.issuing import issue_ticket
from antrean.usecases.reports.agency_comparison import compare_agencies
from antrean.usecases.reports.reports import stats
from tests.support.app import AppFactory, AppUnderTest, csrf_from
from tests.support.live_server import PASSWORD
from tests.support.mpp_history import answer_survey, mpp_history, write_mpp_config

DAY, NEXT_DAY = date(2026, 11, 23), date(2026, 11, 24)
PAGES = ["/monitor", "/monitor/data.json", "/laporan", "/laporan/unduh.csv",
         "/admin/ikm", "/admin/pengaduan/rekap", "/skm"]


def mpp_app(make_app: AppFactory, tmp_path: Path, database_url: str | None = None,
            formula_name: bool = False) -> AppUnderTest:
    directory = tmp_path / "mpp"
    directory.mkdir(exist_ok=True)
    config = write_mpp_config(directory)
    if formula_name:  # a name typed by an admin that a spreadsheet would run as a formula
        config.write_text(config.read_text().replace('short_name = "BPJS"',
                                                     'short_name = "=1+BPJS"'))
    app = make_app(database_url, config_dir=directory)
    app.add_user("kepala", Role.ADMIN)
    return app


def monitor_data(web: object, query: str = "") -> dict[str, object]:
    answer = web.get(f"/monitor/data.json{query}")  # type: ignore[attr-defined]
    assert answer.status_code == 200
    return dict(answer.get_json())


def test_the_monitor_of_one_agency_shows_only_its_queues_gerai_and_breaches(
        make_app: AppFactory, tmp_path: Path) -> None:
    app = mpp_app(make_app, tmp_path)
    for service in ["KTP", "PKB", "KK", "PKB", "JKN"]:
        issue_ticket(app.office, service)
    app.clock.advance(minutes=16)  # past Samsat's 15-minute target, within Dukcapil's
    web = app.signed_in("kepala")
    whole = monitor_data(web)
    assert whole["waiting_total"] == 5 and len(whole["agencies"]) == 3  # type: ignore[arg-type]
    samsat = monitor_data(web, "?instansi=samsat")
    assert samsat["agency_filter"] == "samsat"
    assert [s["code"] for s in samsat["services"]] == ["PKB"]  # type: ignore[attr-defined,index]
    assert [c["number"] for c in samsat["counters"]] == [3]  # type: ignore[attr-defined,index]
    assert [t["number"] for t in samsat["waiting"]] == ["S-001", "S-002"]  # type: ignore[attr-defined,index]
    assert len(samsat["overdue"]) == 2 and samsat["longest"]["number"] == "S-001"  # type: ignore[arg-type,index]
    dukcapil = monitor_data(web, "?instansi=dukcapil")
    assert dukcapil["waiting_total"] == 2 and dukcapil["overdue"] == []
    assert all(row["agency"] == "dukcapil"  # type: ignore[index]
               for key in ("services", "counters", "waiting")
               for row in dukcapil[key])  # type: ignore[attr-defined]
    page = web.get("/monitor?instansi=samsat").text
    assert re.search(r'<option value="samsat"\s+selected>Samsat</option>', page)
    embedded = re.search(r'<script id="monitor-data" type="application/json">(.*?)</script>',
                         page, re.S)
    assert embedded and json.loads(embedded.group(1))["agency_filter"] == "samsat"


@pytest.mark.parametrize("path", PAGES + ["/laporan/unduh.xlsx", "/admin/ikm.xlsx",
                                          "/admin/pengaduan/rekap.xlsx"])
def test_an_unknown_agency_is_a_404_page_in_indonesian(make_app: AppFactory, tmp_path: Path,
                                                        path: str) -> None:
    web = mpp_app(make_app, tmp_path).signed_in("kepala")
    answer = web.get(f"{path}?instansi=imigrasi")
    assert answer.status_code == 404
    assert "Instansi 'imigrasi' tidak dikenal." in html.unescape(answer.text)


def test_the_api_takes_an_agency_and_refuses_an_unknown_one_as_json(
        make_app: AppFactory, tmp_path: Path) -> None:
    app = mpp_app(make_app, tmp_path)
    mpp_history(app.office, app.clock, seed=3, days=[DAY], tickets_per_day=8)
    api = app.bearer("kepala")
    web = app.client()
    period = f"from={DAY}&to={NEXT_DAY}"
    samsat = web.get(f"/api/v1/stats?{period}&agency=samsat", headers=api).get_json()
    assert samsat == stats(app.office, DAY, NEXT_DAY, agency="samsat")
    assert samsat["agency_filter"] == "samsat" and samsat["overall"]["issued"] > 0
    for path in ("/api/v1/stats", "/api/v1/ikm"):
        refused = web.get(f"{path}?agency=%3Cb%3E", headers=api)
        assert refused.status_code == 404
        assert refused.get_json() == {"error": "unknown_agency",
                                      "message": "Instansi '<b>' tidak dikenal."}
    across = web.get(f"/api/v1/stats?{period}&agency=samsat&service=KTP", headers=api)
    assert (across.status_code, across.get_json()["error"]) == (422, "service_not_in_agency")
    table = web.get(f"/api/v1/reports/agencies?{period}", headers=api).get_json()
    assert table == compare_agencies(app.office, DAY, NEXT_DAY)


def test_agencies_side_by_side_on_the_page_and_in_csv_and_xlsx(
        make_app: AppFactory, tmp_path: Path) -> None:
    app = mpp_app(make_app, tmp_path, formula_name=True)
    mpp_history(app.office, app.clock, seed=11, days=[DAY], tickets_per_day=10)
    answer_survey(app.office, "samsat", 3)
    web = app.signed_in("kepala")
    period = f"from={DAY}&to={NEXT_DAY}"
    table = compare_agencies(app.office, DAY, NEXT_DAY)

    page = web.get(f"/laporan/instansi?{period}")
    assert page.status_code == 200
    for row in table["agencies"]:
        assert f'data-agency="{row["agency"]}"' in page.text
    assert "75,00" in page.text and "Kurang baik" in page.text  # Samsat: every answer 3
    assert f'href="/laporan?{period.replace("&", "&amp;")}&amp;instansi=samsat"' in page.text

    rows = list(csv.reader(io.StringIO(web.get(f"/laporan/instansi.csv?{period}")
                                       .data.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Instansi", "Nama instansi", "Diterbitkan"]
    assert [r[0] for r in rows[1:]] == ["Disdukcapil", "Samsat", "'=1+BPJS", "Seluruh kantor"]
    expected = [*table["agencies"], table["office"]]
    assert [int(r[2]) for r in rows[1:]] == [row["issued"] for row in expected]
    assert [r[12] for r in rows[1:]] == ["", "75.0", "", "75.0"]

    book = load_workbook(io.BytesIO(web.get(f"/laporan/instansi.xlsx?{period}").data))
    sheet = book["Per Instansi"]
    cells = list(sheet.iter_rows(min_row=4, values_only=True))
    assert [c[0] for c in cells] == ["Disdukcapil", "Samsat", "=1+BPJS", "Seluruh kantor"]
    assert sheet["A6"].data_type == "s" and sheet["A6"].quotePrefix
    assert [c[2] for c in cells] == [row["issued"] for row in expected]
    assert [c[6] for c in cells] == [row["waiting_p90"] for row in expected]
    assert [c[13] for c in cells] == [None, "C (Kurang baik)", None, "C (Kurang baik)"]


def test_one_agencys_report_ikm_and_recap_pages(make_app: AppFactory, tmp_path: Path) -> None:
    app = mpp_app(make_app, tmp_path)
    mpp_history(app.office, app.clock, seed=4, days=[DAY], tickets_per_day=8)
    answer_survey(app.office, "dukcapil", 4)
    web = app.signed_in("kepala")
    period = f"from={DAY}&to={NEXT_DAY}"
    report = web.get(f"/laporan?{period}&instansi=dukcapil")
    assert report.status_code == 200 and 'id="agency-shown">Disdukcapil<' in report.text
    assert "Gerai Samsat" not in report.text and "Gerai Dukcapil 2" in report.text
    assert f"/laporan/unduh.xlsx?{period.replace('&', '&amp;')}&amp;instansi=dukcapil" \
        in report.text
    crossed = web.get(f"/laporan?{period}&instansi=samsat&service=KTP")
    assert crossed.status_code == 422 and "bukan layanan instansi yang dipilih" in crossed.text
    download = web.get(f"/laporan/unduh.csv?{period}&instansi=samsat")
    assert 'filename="laporan-antrean-2026-11-23-2026-11-24-samsat.csv"' in \
        download.headers["Content-Disposition"]
    ikm = web.get(f"/admin/ikm?{period}&instansi=dukcapil").text
    assert 'id="ikm-value">100,00<' in ikm and "Dinas Kependudukan" in ikm
    assert 'id="ikm-value">-<' in web.get(f"/admin/ikm?{period}&instansi=bpjs").text
    recap = web.get("/admin/pengaduan/rekap?bulan=2026-11&instansi=samsat").text
    assert 'href="/admin/pengaduan/rekap.xlsx?bulan=2026-11&amp;instansi=samsat"' in recap


def test_a_complaint_names_its_agency_and_the_recap_counts_it_there(
        make_app: AppFactory, tmp_path: Path) -> None:
    app = mpp_app(make_app, tmp_path)
    citizen = app.client()
    form = citizen.get("/pengaduan").text
    assert '<select id="instansi" name="instansi">' in form
    for fields in ({"instansi": "samsat"}, {"ticket_number": "J-004"}, {}):
        sent = citizen.post("/pengaduan", data={
            "csrf_token": csrf_from(form), "category": "antrean",
            "message": "Menunggu lama sekali di gerai.", **fields})
        assert sent.status_code == 302
    refused = citizen.post("/pengaduan", data={
        "csrf_token": csrf_from(form), "category": "antrean", "instansi": "imigrasi",
        "message": "Menunggu lama sekali di gerai."})
    assert refused.status_code == 422 and "Pilih instansi dari daftar." in refused.text
    web = app.signed_in("kepala")
    totals = [re.search(r'id="recap-total">(\d+)<',
                        web.get(f"/admin/pengaduan/rekap?bulan=2026-11{query}").text)
              for query in ("&instansi=samsat", "&instansi=bpjs", "&instansi=dukcapil", "")]
    assert [int(m.group(1)) for m in totals if m] == [1, 1, 0, 3]
    listing = web.get("/admin/pengaduan").text
    assert "<th>Instansi</th>" in listing
    assert re.findall(r'<td class="agency">([^<]*)</td>', listing) == \
        ["Seluruh kantor", "BPJS", "Samsat"]  # newest first


def test_an_agency_admin_records_complaints_about_its_own_agency_only(
        make_app: AppFactory, tmp_path: Path) -> None:
    """Whatever its form says (core.scope.complaint_agency): the office admin's choice
    stands, an agency admin's is its own agency."""
    app = mpp_app(make_app, tmp_path)
    create_user(app.office, "admin_samsat", PASSWORD, "admin", agency="samsat")
    for person, chosen in (("admin_samsat", "bpjs"), ("kepala", "bpjs")):
        web = app.signed_in(person)
        saved = web.post("/admin/pengaduan/baru", data={
            "channel": "whatsapp", "category": "antrean", "instansi": chosen,
            "message": f"Dicatat oleh {person}."})
        assert saved.status_code == 302, saved.text
    listing = app.signed_in("kepala").get("/admin/pengaduan").text
    assert re.findall(r'<td class="agency">([^<]*)</td>', listing) == ["BPJS", "Samsat"]


def test_a_single_office_shows_no_agency_anywhere(app_under_test: AppUnderTest) -> None:
    app_under_test.add_user("kepala", Role.ADMIN)
    web = app_under_test.signed_in("kepala")
    citizen = app_under_test.client()
    assert citizen.post("/pengaduan", data={
        "csrf_token": csrf_from(citizen.get("/pengaduan").text), "category": "antrean",
        "message": "Menunggu lama sekali di loket."}).status_code == 302
    assert 'class="agency"' not in web.get("/admin/pengaduan").text
    for path in ("/monitor", "/laporan", "/admin/ikm", "/admin/pengaduan/rekap", "/pengaduan",
                 "/admin/pengaduan/baru", "/admin/pengaduan"):
        page = web.get(path)
        assert page.status_code == 200 and 'name="instansi"' not in page.text, path
        assert "<th>Instansi</th>" not in page.text, path
        assert "Bandingkan instansi" not in page.text
    assert monitor_data(web)["agencies"] == []
    for path in ("/monitor?instansi=kantor", "/laporan/instansi", "/laporan/instansi.csv"):
        assert web.get(path).status_code == 404, path
    assert web.get("/api/v1/reports/agencies").get_json()["error"] == "not_found"
    assert web.get("/api/v1/stats?agency=kantor").status_code == 404


AGENCY_CODES = st.one_of(st.text(max_size=60), st.sampled_from(
    ["\x00", "%00", "samsat\x00", "a" * 300, "<b>", "=1+1", "SAMSAT", " samsat"]))


def test_any_agency_in_a_query_string_is_never_a_500(make_app: AppFactory,
                                                      tmp_path: Path) -> None:
    web = mpp_app(make_app, tmp_path).signed_in("kepala")

    @settings(max_examples=20, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(code=AGENCY_CODES)
    def ask(code: str) -> None:
        for path in [*PAGES, "/laporan/instansi"]:
            answer = web.get(path, query_string={"instansi": code})
            assert answer.status_code in (200, 404, 422), (path, code)
        for path in ("/api/v1/stats", "/api/v1/ikm"):
            answer = web.get(path, query_string={"agency": code})
            assert answer.status_code in (200, 404, 422), (path, code)

    ask()
