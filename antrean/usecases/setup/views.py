"""What the admin pages and GET /api/v1/setup show of the live set-up.

The stored tables themselves stay `dict[str, Any]`: they are config.toml's tables as written
(db.setup_store.definition), free-form by design, read back by config.with_setup."""

from __future__ import annotations

from typing import Any, TypedDict

from antrean.core.clock import format_long_date
from antrean.db import setup_store
from antrean.usecases.context import Office
from antrean.usecases.setup.change import live


class ServiceSetup(TypedDict):
    """A stored service: its table, and its state today (paused, extra quota, prefix)."""

    code: str
    table: dict[str, Any]  # the [[services]] table as config.toml spells it
    paused_reason: str | None  # "Tutup layanan sementara"
    extra_quota_today: int
    prefix_today: str | None
    next_prefix: str | None  # a prefix change waiting for tomorrow
    prefix_from: str | None  # its first day, in words


class OfficeFixed(TypedDict):
    """What only config.toml sets, as the file writes it (None: not written there); config
    checked both when it read the file. They decide each ticket's day."""

    timezone: str | None
    working_days: list[str] | None


class SetupView(TypedDict):
    office: dict[str, Any]  # the [office] table as stored
    office_fixed: OfficeFixed
    services: list[ServiceSetup]
    counters: list[dict[str, Any]]  # the [[counters]] tables as stored
    agencies: list[dict[str, Any]]  # the [[agencies]] tables as stored


def setup_view(office: Office) -> SetupView:
    """The stored tables as config.toml spells them, with each service's state today."""
    base = live(office).base
    with office.read_transaction() as session:
        stored = setup_store.load(session)
        today = office.clock.local_day(office.now())
    services: list[ServiceSetup] = []
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


def service_table(office: Office, code: str) -> ServiceSetup | None:
    return next((s for s in setup_view(office)["services"] if s["code"] == code), None)


def counter_table(office: Office, number: int) -> dict[str, Any] | None:
    return next((c for c in setup_view(office)["counters"] if c.get("number") == number), None)


def agency_table(office: Office, code: str) -> dict[str, Any] | None:
    return next((a for a in setup_view(office)["agencies"] if a.get("code") == code), None)
