"""The report through the API, the CSV and the XLSX: the same numbers, on both databases."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from openpyxl import load_workbook

from antrean.core.access import Role
from antrean.usecases.reports.report_export import FIGURE_HEADERS, figure_values
from antrean.usecases.reports.reports import stats
from tests.conftest import OfficeFactory
from tests.support.app import AppFactory, AppUnderTest
from tests.support.history import DAY, NEXT_DAY, play_history
from tests.support.report_oracle import within_10_s

ZONE = "Asia/Jayapura"
# Overall figures of day D (see tests/usecases/test_reports.py for how they come about);
# medians and p90s come from 20 s histograms, within 10 s.
DAY_D = [5, 3, 1, 1, 0, 4, 825.0, within_10_s(900.0), within_10_s(1410.0), 1500.0, 3, 1120.0,
         within_10_s(1080.0), within_10_s(1416.0), 1500.0, 0.75, 0, 0, 0]


def serve_history(make_office: OfficeFactory, make_app: AppFactory, database_url: str,
                  tmp_path: Path) -> tuple[AppUnderTest, dict[str, object]]:
    office, clock, _ = make_office(database_url, timezone=ZONE)
    play_history(office, clock)
    expected = stats(office, DAY, NEXT_DAY)
    # The config make_office wrote; the app's clock stands where the history ended.
    app = make_app(database_url, at=clock(), config_dir=tmp_path)
    app.add_user("kepala", Role.ADMIN)
    app.add_user("petugas9", Role.PETUGAS)
    return app, expected


def test_api_csv_and_xlsx_carry_the_same_figures(make_office: OfficeFactory,
                                                 make_app: AppFactory, database_url: str,
                                                 tmp_path: Path) -> None:
    app, expected = serve_history(make_office, make_app, database_url, tmp_path)
    web = app.signed_in("kepala")
    period = f"from={DAY}&to={NEXT_DAY}"
    api = web.get(f"/api/v1/stats?{period}").get_json()
    assert api == expected
    one_day = web.get(f"/api/v1/stats?from={DAY}&to={DAY}").get_json()
    assert figure_values(one_day["overall"]) == DAY_D

    book = load_workbook(io.BytesIO(web.get(f"/laporan/unduh.xlsx?from={DAY}&to={DAY}").data))
    summary = book["Ringkasan"]
    assert [c.value for c in summary[3]][1:] == FIGURE_HEADERS
    assert [c.value for c in summary[4]] == [f"{DAY} s.d. {DAY}", *DAY_D]
    loket = book["Per Loket"]
    assert [c.value for c in loket[3]][-3:] == [14400, 1080, 13320]  # loket 2: open, busy, idle
    hours = {row[0].value: row for row in book["Per Jam"].iter_rows(min_row=2)}
    assert hours["07.00-07.59"][16].value == 0.5

    text = web.get(f"/laporan/unduh.csv?from={DAY}&to={DAY}")
    assert text.headers["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(text.data.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Bagian", "Baris", "Diterbitkan"]
    overall = next(r for r in rows if r[0] == "Ringkasan")
    assert [float(v) for v in overall[2:21]] == DAY_D
    ktp = next(r for r in rows if r[0] == "Per Layanan" and r[1].startswith("KTP"))
    assert ktp[2:5] == ["3", "2", "1"] and float(ktp[10]) == within_10_s(1080.0)


def test_report_filters_and_who_may_see_what(make_office: OfficeFactory,
                                             make_app: AppFactory, sqlite_url: str,
                                             tmp_path: Path) -> None:
    app, _ = serve_history(make_office, make_app, sqlite_url, tmp_path)
    admin = app.signed_in("kepala")
    kk = admin.get(f"/api/v1/stats?from={DAY}&to={DAY}&service=KK").get_json()
    assert kk["service_filter"] == "KK" and kk["overall"]["issued"] == 1
    bad = admin.get("/api/v1/stats?service=XYZ")
    assert bad.status_code == 422 and bad.get_json()["error"] == "unknown_service"
    page = admin.get(f"/laporan?from={DAY}&to={DAY}")
    assert page.status_code == 200 and "<svg" in page.text and "75,0%" in page.text
    wrong = admin.get(f"/laporan?from={NEXT_DAY}&to={DAY}")
    assert wrong.status_code == 422 and "Tanggal akhir harus sama" in wrong.text
    assert 'id="filter"' in wrong.text  # the form stays, with the default period
    petugas = app.signed_in("petugas9")
    assert petugas.get("/laporan").status_code == 403
    assert petugas.get("/monitor").status_code == 200
    stranger = app.client().get("/monitor/data.json")
    assert stranger.status_code == 302 and "/console/login" in stranger.headers["Location"]
