"""The report through the API, the CSV and the XLSX: the same numbers, on both databases."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

import requests
from openpyxl import load_workbook

from antrean.usecases.reports.report_export import FIGURE_HEADERS, figure_values
from antrean.usecases.reports.reports import stats
from tests.conftest import OfficeFactory
from tests.support.history import DAY, NEXT_DAY, play_history
from tests.support.live_server import PASSWORD, LiveServer

ZONE = "Asia/Jayapura"
# Overall figures of day D (see tests/usecases/test_reports.py for how they come about).
DAY_D = [5, 3, 1, 1, 0, 4, 825.0, 900.0, 1410.0, 1500.0, 3, 1120.0, 1080.0, 1416.0, 1500.0,
         0.75]


def serve_history(make_office: OfficeFactory, start_server: Callable[..., LiveServer],
                  database_url: str, tmp_path: Path) -> tuple[LiveServer, dict[str, object]]:
    office, clock, _ = make_office(database_url, timezone=ZONE)
    play_history(office, clock)
    expected = stats(office, DAY, NEXT_DAY)
    server = start_server(database_url, config_dir=tmp_path)
    server.create_user("kepala", PASSWORD, "admin")
    server.create_user("petugas9", PASSWORD, "petugas")
    return server, expected


def test_api_csv_and_xlsx_carry_the_same_figures(make_office: OfficeFactory,
                                                 start_server: Callable[..., LiveServer],
                                                 database_url: str, tmp_path: Path) -> None:
    server, expected = serve_history(make_office, start_server, database_url, tmp_path)
    web = server.web_session("kepala", PASSWORD)
    period = f"from={DAY}&to={NEXT_DAY}"
    api = web.get(f"{server.url}/api/v1/stats?{period}", timeout=30).json()
    assert api == expected
    one_day = web.get(f"{server.url}/api/v1/stats?from={DAY}&to={DAY}", timeout=30).json()
    assert figure_values(one_day["overall"]) == DAY_D

    book = load_workbook(io.BytesIO(web.get(f"{server.url}/laporan/unduh.xlsx?from={DAY}&to={DAY}",
                                            timeout=30).content))
    summary = book["Ringkasan"]
    assert [c.value for c in summary[3]][1:] == FIGURE_HEADERS
    assert [c.value for c in summary[4]] == [f"{DAY} s.d. {DAY}", *DAY_D]
    loket = book["Per Loket"]
    assert [c.value for c in loket[3]][-3:] == [14400, 1080, 13320]  # loket 2: open, busy, idle
    hours = {row[0].value: row for row in book["Per Jam"].iter_rows(min_row=2)}
    assert hours["07.00-07.59"][16].value == 0.5

    text = web.get(f"{server.url}/laporan/unduh.csv?from={DAY}&to={DAY}", timeout=30)
    assert text.headers["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(text.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Bagian", "Baris", "Diterbitkan"]
    overall = next(r for r in rows if r[0] == "Ringkasan")
    assert [float(v) for v in overall[2:18]] == DAY_D
    ktp = next(r for r in rows if r[0] == "Per Layanan" and r[1].startswith("KTP"))
    assert ktp[2:5] == ["3", "2", "1"] and ktp[10] == "1080.0"


def test_report_filters_and_who_may_see_what(make_office: OfficeFactory,
                                             start_server: Callable[..., LiveServer],
                                             sqlite_url: str, tmp_path: Path) -> None:
    server, _ = serve_history(make_office, start_server, sqlite_url, tmp_path)
    admin = server.web_session("kepala", PASSWORD)
    kk = admin.get(f"{server.url}/api/v1/stats?from={DAY}&to={DAY}&service=KK", timeout=30).json()
    assert kk["service_filter"] == "KK" and kk["overall"]["issued"] == 1
    bad = admin.get(f"{server.url}/api/v1/stats?service=XYZ", timeout=30)
    assert bad.status_code == 422 and bad.json()["error"] == "unknown_service"
    page = admin.get(f"{server.url}/laporan?from={DAY}&to={DAY}", timeout=30)
    assert page.status_code == 200 and "<svg" in page.text and "75,0%" in page.text
    wrong = admin.get(f"{server.url}/laporan?from={NEXT_DAY}&to={DAY}", timeout=30)
    assert wrong.status_code == 422 and "Tanggal akhir harus sama" in wrong.text
    assert 'id="filter"' in wrong.text  # the form stays, with the default period
    petugas = server.web_session("petugas9", PASSWORD)
    assert petugas.get(f"{server.url}/laporan", timeout=30).status_code == 403
    assert petugas.get(f"{server.url}/monitor", timeout=30).status_code == 200
    stranger = requests.get(f"{server.url}/monitor/data.json", timeout=30,
                            allow_redirects=False)
    assert stranger.status_code == 302 and "/console/login" in stranger.headers["Location"]
