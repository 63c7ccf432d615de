"""A calendar day typed in a URL or form: ISO format, and inside the years the office can
mean. Far dates (0001-01-01, 9999-12-31) would overflow the UTC conversion of the day's
bounds, so they are refused with a message instead."""

from __future__ import annotations

from datetime import date

from antrean.core.errors import invalid

EARLIEST_DAY = date(2000, 1, 1)
LATEST_DAY = date(2099, 12, 31)


def parse_iso_day(text: str, message: str = "Tanggal harus berformat YYYY-MM-DD.") -> date:
    try:
        day = date.fromisoformat(text)
    except ValueError as error:
        raise invalid("invalid_date", message) from error
    if not EARLIEST_DAY <= day <= LATEST_DAY:
        raise invalid("date_out_of_range",
                      f"Tanggal harus antara tahun {EARLIEST_DAY.year} dan {LATEST_DAY.year}.")
    return day
