"""The offices of a deployment side by side for a period: each office's whole-office figures
(agency_comparison's office row), and under an MPP its agencies' rows.

Each office counts its own local days (its own time zone) from `first` to `last`. The
deployment's line sums counts only: a mean or an IKM over several offices would need their
raw answers merged, and a sum of means would mislead.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

from antrean.core.errors import DomainError
from antrean.usecases.context import Office
from antrean.usecases.reports.agency_comparison import (
    AgencyFigures,
    ComparisonPeriod,
    compare_agencies,
)
from antrean.usecases.reports.agency_export import HEADERS, figures_row, rows_csv, rows_xlsx

SUMMED = ("issued", "served", "no_show", "target_breaches", "complaints", "complaints_overdue")


def compare_offices(offices: Iterable[tuple[str, Office]], first: date,
                    last: date) -> dict[str, Any]:
    rows: list[dict[str, Any]] = []
    for code, office in offices:
        try:
            table = compare_agencies(office, first, last)
        except DomainError as error:  # one office's database down: the others still report
            rows.append({"office": code, "name": code, "available": False,
                         "message": error.message})
            continue
        rows.append({"office": code, "name": office.settings.office.name, "available": True,
                     "timezone": table["timezone"], "whole": table["office"],
                     "agencies": table["agencies"] if office.settings.has_agencies else []})
    answered = [row["whole"] for row in rows if row["available"]]
    return {"from": first.isoformat(), "to": last.isoformat(), "offices": rows,
            "deployment": {key: sum(row[key] for row in answered) for key in SUMMED}}


def office_rows(table: dict[str, Any]) -> Iterator[tuple[str, AgencyFigures]]:
    """(office name, figures row) for every office's whole row, then its agencies' rows."""
    for office in table["offices"]:
        if office["available"]:
            yield office["name"], office["whole"]
            for agency in office["agencies"]:
                yield office["name"], agency


OFFICE_HEADERS = ["Kantor", *HEADERS]


def offices_csv(table: dict[str, Any]) -> str:
    return rows_csv(OFFICE_HEADERS, _export_rows(table))


def offices_xlsx(table: dict[str, Any], deployment_name: str) -> bytes:
    period: ComparisonPeriod = {"from": table["from"], "to": table["to"],
                                "timezone": "masing-masing kantor"}
    return rows_xlsx("Per Kantor", deployment_name, period, OFFICE_HEADERS, _export_rows(table))


def _export_rows(table: dict[str, Any]) -> Iterator[list[Any]]:
    for office_name, row in office_rows(table):
        yield [office_name, *figures_row(row)]
