"""What the side-by-side reports (agencies of an MPP, offices of a deployment) share: the
period asked for and the CSV or XLSX download."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from flask import Response, request

from antrean.usecases.reports.reports import parse_period
from antrean.web.office import office_today

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def asked_period() -> tuple[date, date]:
    """from/to are local days; by default the last seven days."""
    today = office_today()
    start = request.args.get("from") or (today - timedelta(days=6)).isoformat()
    return parse_period(start, request.args.get("to") or today.isoformat(), today)


def comparison_file(kind: str, stem: str, first: date, last: date, csv_text: Callable[[], str],
                    xlsx_bytes: Callable[[], bytes]) -> Response:
    """The download `<stem>-<first>-<last>.<kind>` (kind: csv or xlsx)."""
    name = f"{stem}-{first.isoformat()}-{last.isoformat()}.{kind}"
    if kind == "csv":
        body, mimetype = csv_text().encode("utf-8-sig"), "text/csv; charset=utf-8"  # BOM: Excel
    else:
        body, mimetype = xlsx_bytes(), XLSX
    return Response(body, mimetype=mimetype,
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})
