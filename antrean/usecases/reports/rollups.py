"""Report roll-ups: a period's tallies from stored days and months, and keeping them in step.

A report reads, for every day of its period, the day's stored roll-up if nothing changed since
it was built (no `report_changes` row for the day, same settings signature), else the day's
events themselves. Whole months whose days are all rolled up are read as one month roll-up.
Days computed from the events are then stored (except today, which changes all day), and
months completed, each in its own short write transaction, so the next report reads them.
Nothing on the queue's hot path changes: a database trigger notes each event's day.
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
from antrean.core.report_tally import ALL, GroupKey, Tally, tally_tickets
from antrean.db import report_queries, rollup_store
from antrean.db.rollup_models import DAY, MONTH
from antrean.db.rollup_store import Head, IdRun, StoredTally
from antrean.usecases.context import Office

ROLLUP_FORMAT = 1  # bump when a roll-up's meaning changes: every stored one is rebuilt


@dataclass
class PeriodTallies:
    """What a report of [first, last] adds up: ALL rows per day and service, and the rest."""

    summaries: list[StoredTally] = field(default_factory=list)
    details: list[StoredTally] = field(default_factory=list)
    months: list[date] = field(default_factory=list)  # read as month roll-ups
    # Days read from the event log: their tallies, the change rows seen, the head found.
    computed: dict[date, tuple[dict[GroupKey, Tally], list[IdRun], Head | None]] = field(
        default_factory=dict)


def signature(office: Office) -> str:
    """What stored roll-ups depend on besides the events: zone, targets, formats."""
    settings = office.settings
    payload = json.dumps({
        "rollup": ROLLUP_FORMAT, "histogram": [WIDTH, SPAN],
        "zone": settings.office.timezone,
        "targets": sorted((s.code, s.target_wait_minutes or 0) for s in settings.services),
    }, sort_keys=True)
    return hashlib.sha256(payload.encode()).hexdigest()[:32]


def gather(session: Session, office: Office, first: date, last: date, service: str | None,
           current: str) -> PeriodTallies:
    """Everything a report of [first, last] needs, in the caller's (snapshot) transaction."""
    stale, stored = _day_states(session, first, last, current)
    months = _usable_months(session, first, last, set(stale), current)
    covered = {day for month in months for day in _days(month, _month_end(month))}
    period = PeriodTallies(months=months)
    period.summaries = rollup_store.read_tallies(session, DAY, stored, summary=True,
                                                 service=service)
    period.details = [
        *rollup_store.read_tallies(session, MONTH, months, summary=False, service=service),
        *rollup_store.read_tallies(session, DAY, stored - covered, summary=False,
                                   service=service),
    ]
    _compute(session, office, stale, period)
    for day, (groups, _, _) in period.computed.items():
        for (code, dimension, key), tally in groups.items():
            if service in (None, code):
                target = period.summaries if dimension == ALL else period.details
                target.append(StoredTally(day, code, dimension, key, tally))
    return period


def keep(office: Office, period: PeriodTallies, first: date, last: date,
         current: str) -> tuple[int, int]:
    """Store the days a report computed from events (before today) and complete its months.

    Returns how many days and months were stored.
    """
    today = office.clock.local_day(office.now())
    days = months = 0
    for day, (groups, seen, head) in sorted(period.computed.items()):
        if day < today:
            with office.transaction() as session:
                days += rollup_store.replace_day(session, day, current, head, groups, seen)
    for month in _whole_months(first, last):
        end = _month_end(month)
        if end < today and month not in period.months:
            with office.transaction() as session:
                months += rollup_store.replace_month(session, month, end, current)
    return days, months


def refresh(office: Office) -> tuple[int, int]:
    """Roll up every changed day before today and complete its months (run.py rollup).

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
        with office.read_transaction() as session:
            report_queries.use_one_snapshot(session)
            stale, _ = _day_states(session, first, last, current)
            period = PeriodTallies()
            _compute(session, office, stale, period)
        stored_days, stored_months = keep(office, period, first.replace(day=1), last, current)
        days, months = days + stored_days, months + stored_months
        first = last + timedelta(days=1)
    return days, months


def _day_states(session: Session, first: date, last: date,
                current: str) -> tuple[dict[date, tuple[list[IdRun], Head | None]], set[date]]:
    """Days to read from the events (with the change rows seen and their head), and the days
    whose stored roll-up is current. Days in neither have no events."""
    changes = rollup_store.changed_days(session, first, last)
    day_heads = rollup_store.heads(session, DAY, first, last)
    stale = {day: (changes.get(day, []), day_heads.get(day)) for day in
             set(changes) | {d for d, h in day_heads.items() if h.signature != current}}
    return stale, set(day_heads) - set(stale)


def _compute(session: Session, office: Office,
             stale: dict[date, tuple[list[IdRun], Head | None]], period: PeriodTallies) -> None:
    computed = _from_events(session, office, set(stale))
    for day, (seen, head) in stale.items():
        period.computed[day] = (computed[day], seen, head)


def _from_events(session: Session, office: Office,
                 days: set[date]) -> dict[date, dict[GroupKey, Tally]]:
    if not days:
        return {}
    start, _ = office.clock.day_bounds_utc(min(days))
    _, end = office.clock.day_bounds_utc(max(days))
    offsets = utc_offset_segments(office.settings.office.timezone, start, end)
    targets = {s.code: s.target_wait_minutes * 60 for s in office.settings.services
               if s.target_wait_minutes}
    computed = tally_tickets(report_queries.ticket_facts(session, days, offsets, targets))
    return {day: computed.get(day, {}) for day in days}


def _usable_months(session: Session, first: date, last: date, stale: set[date],
                   current: str) -> list[date]:
    months = list(_whole_months(first, last))
    if not months:
        return []
    month_heads = rollup_store.heads(session, MONTH, months[0], months[-1])
    return [m for m in months
            if m in month_heads and month_heads[m].signature == current
            and not any(m <= day <= _month_end(m) for day in stale)]


def _whole_months(first: date, last: date) -> Iterator[date]:
    """First days of the calendar months lying entirely within [first, last]."""
    month = first if first.day == 1 else _month_end(first) + timedelta(days=1)
    while _month_end(month) <= last:
        yield month
        month = _month_end(month) + timedelta(days=1)


def _month_end(day: date) -> date:
    following = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    return following - timedelta(days=1)


def _days(first: date, last: date) -> Iterator[date]:
    for n in range((last - first).days + 1):
        yield first + timedelta(days=n)
