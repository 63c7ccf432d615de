"""Report roll-ups: a period's tallies from stored days and months, and keeping them in step.

A day's stored roll-up is used if nothing changed since it was built (no `report_changes` row
for the day, same settings signature); otherwise, and for days never rolled up (today), the
day's events are read. A month's rows are the sum of its stored days: a report uses them when
the period covers every stored day of the month, taking out any stored day that changed since
and putting in what its events say now. Days read from the events are stored afterwards
(except today, which changes all day) and months completed, each in a short write
transaction, so the next report finds them. The queue's hot path only feeds a database
trigger that notes each event's day.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy.orm import Session

from antrean.core.clock import utc_offset_segments
from antrean.core.histogram import SPAN, WIDTH
from antrean.core.report_tally import GroupKey, Tally, tally_tickets
from antrean.db import report_queries, rollup_store
from antrean.db.rollup_models import DAY, MONTH
from antrean.db.rollup_store import Head, IdRun, Selection, StoredTally
from antrean.usecases.context import Office

CHUNK_DAYS = 31  # days read from the event log in one query
# Bump when a roll-up's meaning changes: every stored one is rebuilt (3: citizen cancels and
# priority checks counted; 4: booked versus walk-in arrivals).
ROLLUP_FORMAT = 4


@dataclass
class PeriodTallies:
    """What a report of [first, last] adds up."""

    days: list[StoredTally] = field(default_factory=list)  # each day's total
    groups: list[StoredTally] = field(default_factory=list)  # every group, days and months
    # Days read from the event log: their tallies, the change rows seen, the head found.
    computed: dict[date, tuple[dict[GroupKey, Tally], list[IdRun], Head | None]] = field(
        default_factory=dict)
    months: list[date] = field(default_factory=list)  # read as month roll-ups
    months_to_build: list[date] = field(default_factory=list)


@dataclass
class _Layout:
    """Where each day of a period stands."""

    stale: dict[date, tuple[list[IdRun], Head | None]]  # read from the events
    stored: set[date]  # stored roll-up is current
    months: list[date]  # month rows usable
    months_to_build: list[date]


def signature(office: Office) -> str:
    """What stored roll-ups depend on besides the events: zone, targets, formats."""
    settings = office.settings
    payload = json.dumps({
        "rollup": ROLLUP_FORMAT, "histogram": [WIDTH, SPAN],
        "zone": settings.office.timezone,
        "targets": sorted((s.code, s.target_wait_minutes or 0) for s in settings.services),
    }, sort_keys=True)
    return hashlib.sha256(payload.encode()).hexdigest()[:32]


def gather(session: Session, office: Office, first: date, last: date,
           services: frozenset[str] | None, current: str) -> PeriodTallies:
    """Everything a report of [first, last] needs, in the caller's (snapshot) transaction:
    of every service (None), or of these services only (one, or an agency's)."""
    layout = _layout(session, first, last, current, office.clock.local_day(office.now()))
    wanted, totals = rollup_store.for_report(services), rollup_store.day_totals(services)
    period = PeriodTallies(months=layout.months, months_to_build=layout.months_to_build)
    period.days = rollup_store.read_tallies(session, DAY, layout.stored, totals)
    by_month = {month: [] for month in layout.months}  # type: dict[date, list[StoredTally]]
    for row in rollup_store.read_tallies(session, MONTH, layout.months, wanted):
        by_month[row.day].append(row)
    loose = [day for day in layout.stored if day.replace(day=1) not in by_month]
    period.groups = rollup_store.read_tallies(session, DAY, loose, wanted)
    for month, rows in by_month.items():
        period.groups += _without_stale_days(session, month, rows, layout, wanted)
    _compute(session, office, layout.stale, period)
    for day, (groups, _, _) in period.computed.items():
        for group, tally in groups.items():
            if totals.wants(group):
                period.days.append(StoredTally(day, *group, tally))
            if wanted.wants(group):
                period.groups.append(StoredTally(day, *group, tally))
    return period


def keep(office: Office, period: PeriodTallies) -> tuple[int, int]:
    """Store the days a report read from the events (before today), and build the months it
    found missing. Returns how many days and months were stored."""
    current = signature(office)
    today = office.clock.local_day(office.now())
    days = months = 0
    for day, (groups, seen, head) in sorted(period.computed.items()):
        if day < today:
            with office.transaction() as session:
                days += rollup_store.replace_day(session, day, current, head, groups, seen)
    for month in period.months_to_build:
        with office.transaction() as session:
            months += rollup_store.replace_month(session, month, current)
    return days, months


def refresh(office: Office) -> tuple[int, int]:
    """Roll up every changed day before today and build its months (run.py rollup).

    Works a month at a time, so memory and each transaction stay small. Returns how many days
    and months were stored.
    """
    current = signature(office)
    today = office.clock.local_day(office.now())
    with office.read_transaction() as session:
        first = rollup_store.earliest_day(session)
    days = months = 0
    while first is not None and first < today:
        last = min(_month_end(first), today - timedelta(days=1))
        with office.read_transaction(one_snapshot=True) as session:
            layout = _layout(session, first, last, current, today)
            period = PeriodTallies(months_to_build=layout.months_to_build)
            _compute(session, office, layout.stale, period)
        stored_days, stored_months = keep(office, period)
        days, months = days + stored_days, months + stored_months
        first = last + timedelta(days=1)
    return days, months


def _layout(session: Session, first: date, last: date, current: str, today: date) -> _Layout:
    around = (first.replace(day=1), _month_end(last))
    changes = rollup_store.changed_days(session, first, last)
    day_heads = rollup_store.heads(session, DAY, *around)
    month_heads = rollup_store.heads(session, MONTH, *around)
    inside = {day: head for day, head in day_heads.items() if first <= day <= last}
    stale = {day: (changes.get(day, []), inside.get(day)) for day in
             set(changes) | {d for d, h in inside.items() if h.signature != current}}
    months, to_build = [], []
    for month in _months(first, last):
        days_of_month = [d for d in day_heads if d.replace(day=1) == month]
        head = month_heads.get(month)
        if head is None or head.signature != current:
            if days_of_month or any(d < today and d.replace(day=1) == month for d in stale):
                to_build.append(month)  # once its days are stored (today never is)
        elif all(first <= d <= last for d in days_of_month):
            months.append(month)  # the period covers every stored day of the month
    return _Layout(stale, set(inside) - set(stale), months, to_build)


def _without_stale_days(session: Session, month: date, rows: list[StoredTally],
                        layout: _Layout, wanted: Selection) -> list[StoredTally]:
    """Month rows minus the stored rows of its days that changed since (their events are
    added back from the log); the extremes of what is left are summed again in SQL."""
    stale = [day for day, (_, head) in layout.stale.items()
             if head is not None and day.replace(day=1) == month]
    if not stale:
        return rows
    sums = {row.group: row.tally for row in rows}
    for old in rollup_store.read_tallies(session, DAY, stale, wanted):
        sums[old.group].subtract(old.tally)
    bounds = rollup_store.extremes(session, month, _month_end(month), stale, wanted)
    for group, tally in sums.items():
        tally.set_extremes(bounds.get(group, (None, None, None, None)))
    return [StoredTally(month, *group, tally) for group, tally in sums.items()]


def _compute(session: Session, office: Office,
             stale: dict[date, tuple[list[IdRun], Head | None]], period: PeriodTallies) -> None:
    computed = _from_events(session, office, set(stale))
    for day, (seen, head) in stale.items():
        period.computed[day] = (computed[day], seen, head)


def _from_events(session: Session, office: Office,
                 days: set[date]) -> dict[date, dict[GroupKey, Tally]]:
    """Tally these days from the event log, a month's worth of days at a time (memory)."""
    targets = {s.code: s.target_wait_minutes * 60 for s in office.settings.services
               if s.target_wait_minutes}
    ordered = sorted(days)
    computed: dict[date, dict[GroupKey, Tally]] = {}
    for index in range(0, len(ordered), CHUNK_DAYS):
        chunk = ordered[index:index + CHUNK_DAYS]
        start, _ = office.clock.day_bounds_utc(chunk[0])
        _, end = office.clock.day_bounds_utc(chunk[-1])
        offsets = utc_offset_segments(office.settings.office.timezone, start, end)
        computed.update(tally_tickets(report_queries.ticket_facts(session, chunk, offsets,
                                                                  targets)))
    return {day: computed.get(day, {}) for day in days}


def _months(first: date, last: date) -> Iterator[date]:
    """First days of the calendar months that overlap [first, last]."""
    month = first.replace(day=1)
    while month <= last:
        yield month
        month = _month_end(month) + timedelta(days=1)


def _month_end(day: date) -> date:
    following = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    return following - timedelta(days=1)
