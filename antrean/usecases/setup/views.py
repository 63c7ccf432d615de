"""What the admin pages and GET /api/v1/setup show of the live set-up."""

from __future__ import annotations

from typing import Any

from antrean.core.clock import format_long_date
from antrean.db import setup_store
from antrean.usecases.context import Office
from antrean.usecases.setup.change import live


def setup_view(office: Office) -> dict[str, Any]:
    """The stored tables as config.toml spells them, with each service's state today."""
    base = live(office).base
    with office.read_transaction() as session:
        stored = setup_store.load(session)
        today = office.clock.local_day(office.now())
    services = []
    for row in stored.services:
        table = setup_store.definition(row)
        pending = row.prefix_from is not None and today < row.prefix_from
        services.append({
            "code": row.code, "table": table,
            "paused_reason": row.paused_reason,
            "extra_quota_today": setup_store.today_extra(row, today),
            "prefix_today": row.previous_prefix if pending else table.get("prefix"),
            "next_prefix": table.get("prefix") if pending else None,
            "prefix_from": format_long_date(row.prefix_from) if pending and row.prefix_from
            else None,
        })
    file_office = base.raw.get("office", {})
    return {
        "office": stored.office,
        "office_fixed": {"timezone": file_office.get("timezone"),
                         "working_days": file_office.get("working_days")},
        "services": services,
        "counters": [setup_store.definition(row) for row in stored.counters],
        "agencies": [setup_store.definition(row) for row in stored.agencies],
    }


def service_table(office: Office, code: str) -> dict[str, Any] | None:
    return next((s for s in setup_view(office)["services"] if s["code"] == code), None)


def counter_table(office: Office, number: int) -> dict[str, Any] | None:
    return next((c for c in setup_view(office)["counters"] if c.get("number") == number), None)


def agency_table(office: Office, code: str) -> dict[str, Any] | None:
    return next((a for a in setup_view(office)["agencies"] if a.get("code") == code), None)
