"""The XLSX export: the report's numbers, and citizen text that never becomes a formula."""

from __future__ import annotations

import io
from datetime import date

from openpyxl import load_workbook

from antrean.core.respondent import Respondent
from antrean.usecases.feedback.survey import submit_survey
from antrean.usecases.reports.ikm_report import ikm_report
from antrean.web.ikm_workbook import ikm_workbook
from tests.conftest import OfficeFactory
from tests.support.feedback import WORKED_NRR, worked_example_sheets
from tests.usecases.test_survey import finished_ticket


def test_the_workbook_holds_the_report_and_keeps_formulas_out(make_office: OfficeFactory,
                                                               sqlite_url: str) -> None:
    office, _, _ = make_office(sqlite_url)
    for i, sheet in enumerate(worked_example_sheets()):
        text = '=HYPERLINK("http://evil.example","klik")' if i == 0 else None
        submit_survey(office, finished_ticket(office), sheet,
                      Respondent("L", 30, "sma", "swasta", text), "link")
    report = ikm_report(office, date(2026, 11, 23), date(2026, 11, 23))
    buffer = io.BytesIO()
    ikm_workbook(report, "Kecamatan Uji Coba").save(buffer)
    book = load_workbook(io.BytesIO(buffer.getvalue()))
    summary = book["IKM"]
    assert summary["B6"].value == 81.94 and summary["B7"].value == "B"
    assert [f"{summary.cell(r, 3).value:.2f}".replace(".", ",") for r in range(11, 20)] \
        == WORKED_NRR
    suggestion = book["Saran"]["C2"]
    assert suggestion.data_type == "s"
    assert suggestion.value == '=HYPERLINK("http://evil.example","klik")'
    per_service = book["Per Layanan"]
    assert [c.value for c in per_service[2]][:4] == ["KTP", "KTP-el", 10, 81.94]
