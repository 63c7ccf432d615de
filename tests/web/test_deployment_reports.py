"""The deployment's offices side by side (/laporan/kantor, its CSV and XLSX, and
GET /api/v1/reports/offices): each office's own figures, and office names typed by an admin
exported as text, never as a formula."""

from __future__ import annotations

import csv
import io

from openpyxl import load_workbook

from antrean.core.access import Role
from tests.support.app import AppFactory, AppUnderTest, csrf_from
from tests.support.deployment import OFFICES, add_user, office_bearer, office_of

PERIOD = "from=2026-11-23&to=2026-11-23"


def serve(root: AppUnderTest, code: str, tickets: int) -> None:
    """`tickets` KTP numbers issued, called and finished at office `code`."""
    add_user(office_of(root, code), f"petugas-{code}", "petugas")
    staff = office_bearer(root, code, f"petugas-{code}")
    api = root.client()
    for _ in range(tickets):
        ticket = api.post(f"/kantor/{code}/api/v1/tickets", json={"service": "KTP"}).get_json()
        assert api.post(f"/kantor/{code}/api/v1/counters/1/call-next",
                        headers=staff).status_code == 200
        for action in ("start", "finish"):
            done = api.post(f"/kantor/{code}/api/v1/tickets/{ticket['id']}/{action}",
                            headers=staff)
            assert done.status_code == 200, done.text


def test_offices_side_by_side_with_their_own_figures(make_app: AppFactory,
                                                     database_url: str) -> None:
    root = make_app(database_url, extra_tables=OFFICES)
    root.add_user("bupati", Role.ADMIN)
    admin = root.signed_in("bupati")
    serve(root, "astambul", 2)
    root.client().post("/kantor/gambut/api/v1/tickets", json={"service": "KK"})
    table = admin.get(f"/api/v1/reports/offices?{PERIOD}").get_json()
    offices = {row["office"]: row for row in table["offices"]}
    assert list(offices) == ["induk", "astambul", "gambut"]
    assert offices["astambul"]["name"] == "Kecamatan Astambul"
    whole = offices["astambul"]["whole"]
    assert (whole["issued"], whole["served"]) == (2, 2)
    assert offices["gambut"]["whole"]["issued"] == 1 and offices["gambut"]["whole"]["served"] == 0
    assert offices["gambut"]["timezone"] == "Asia/Jayapura"
    assert offices["induk"]["whole"]["issued"] == 0
    assert table["deployment"]["issued"] == 3 and table["deployment"]["served"] == 2
    page = admin.get(f"/laporan/kantor?{PERIOD}")
    assert page.status_code == 200 and 'data-office="astambul"' in page.text
    rows = list(csv.reader(io.StringIO(
        admin.get(f"/laporan/kantor.csv?{PERIOD}").data.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Kantor", "Instansi", "Nama instansi"]
    astambul = next(row for row in rows if row[0] == "Kecamatan Astambul")
    assert astambul[3:5] == ["2", "2"]
    # Only the deployment's admin reads it.
    assert root.client().get(f"/api/v1/reports/offices?{PERIOD}").status_code == 401


def test_an_office_name_typed_as_a_formula_is_exported_as_text(make_app: AppFactory) -> None:
    root = make_app(extra_tables=OFFICES)
    root.add_user("bupati", Role.ADMIN)
    admin = root.signed_in("bupati")
    formula = '=HYPERLINK("http://contoh.test","Klik")'
    added = admin.post("/admin/daftar-kantor", data={
        "code": "jebakan", "name": formula, "timezone": "Asia/Makassar",
        "csrf_token": csrf_from(admin.get("/admin/daftar-kantor").text)})
    assert added.status_code == 302
    rows = list(csv.reader(io.StringIO(
        admin.get(f"/laporan/kantor.csv?{PERIOD}").data.decode("utf-8-sig"))))
    assert any(row[0] == "'" + formula for row in rows), rows
    book = load_workbook(io.BytesIO(admin.get(f"/laporan/kantor.xlsx?{PERIOD}").data))
    cells = [cell for row in book.active.iter_rows() for cell in row if cell.value == formula]
    assert cells and all(cell.data_type == "s" for cell in cells)
