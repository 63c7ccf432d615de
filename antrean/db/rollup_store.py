"""Reading and writing report roll-ups (db/rollup_models.py). Callers own the session.

A month's rows are always the sum of the stored rows of its days: replacing a day takes the
old day out of its month and puts the new one in, in the same transaction, under the month's
advisory lock on PostgreSQL (SQLite writers are serialised by BEGIN IMMEDIATE). A difference
cannot tell a minimum or maximum, so those are summed again, in SQL, over the month's days.

Two guards keep a day's roll-up equal to the events it was built from: it is replaced only if
its head still has the generation the builder read (of two reports racing to roll up a day,
the second gives up), and only the change rows the builder saw are removed (an event committed
meanwhile leaves its own row, so its day stays marked).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Engine, Table, and_, delete, func, insert, or_, select, text, update
from sqlalchemy.orm import Session

from antrean.core.histogram import Histogram
from antrean.core.report_tally import ALL, ANY_SERVICE, Durations, Extremes, GroupKey, Tally
from antrean.db.rollup_models import DAY, MONTH, ReportChange, ReportRollup, RollupHead

log = logging.getLogger(__name__)
ROLLUP_TABLE: Table = ReportRollup.__table__  # type: ignore[assignment]
MONTH_LOCK_BASE = 0x726F0000  # "ro" + year * 12 + month: one advisory lock per month
IdRun = tuple[int, int]  # change ids from..to, every one of them seen


@dataclass(frozen=True)
class Head:
    signature: str
    generation: int


@dataclass(frozen=True)
class StoredTally:
    day: date  # the day, or the first day of the month
    service: str
    dimension: str
    key: str
    tally: Tally

    @property
    def group(self) -> GroupKey:
        return (self.service, self.dimension, self.key)


@dataclass(frozen=True)
class Selection:
    """Which groups a report reads: as a SQL condition and as a test of a group key."""

    where: Any
    wants: Callable[[GroupKey], bool]


def for_report(services: frozenset[str] | None) -> Selection:
    """Without a filter: every group of all services, and each service's total; with one (a
    service, or an agency's services): those services' groups, which the report adds up."""
    r = ReportRollup
    if services is None:
        return Selection(or_(r.service == ANY_SERVICE, r.dimension == ALL),
                         lambda group: group[0] == ANY_SERVICE or group[1] == ALL)
    return Selection(r.service.in_(sorted(services)), lambda group: group[0] in services)


def day_totals(services: frozenset[str] | None) -> Selection:
    """The total of each day (all services, or each filtered one): the "Per Hari" rows."""
    r = ReportRollup
    if services is None:
        return Selection(and_(r.service == ANY_SERVICE, r.dimension == ALL),
                         lambda group: group[0] == ANY_SERVICE and group[1] == ALL)
    return Selection(and_(r.service.in_(sorted(services)), r.dimension == ALL),
                     lambda group: group[0] in services and group[1] == ALL)


EVERYTHING = Selection(ReportRollup.span.is_not(None), lambda group: True)


def changed_days(session: Session, first: date, last: date) -> dict[date, list[IdRun]]:
    """Days in [first, last] whose events changed since their roll-up, with the change ids.

    The ids come as runs of consecutive ids (gaps and islands: id minus its rank is constant
    along a run), a handful per day instead of thousands of ids.
    """
    rank = func.row_number().over(partition_by=ReportChange.day, order_by=ReportChange.id)
    numbered = (select(ReportChange.day, ReportChange.id, (ReportChange.id - rank).label("run"))
                .where(ReportChange.day.between(first, last)).subquery())
    rows = session.execute(
        select(numbered.c.day, func.min(numbered.c.id), func.max(numbered.c.id))
        .group_by(numbered.c.day, numbered.c.run)).all()
    changes: dict[date, list[IdRun]] = {}
    for day, low, high in rows:
        changes.setdefault(day, []).append((low, high))
    return changes


def earliest_day(session: Session) -> date | None:
    """The first day that is rolled up or waits to be: where a refresh starts."""
    changed = session.scalar(select(func.min(ReportChange.day)))
    rolled = session.scalar(select(func.min(RollupHead.day)).where(RollupHead.span == DAY))
    days = [day for day in (changed, rolled) if day is not None]
    return min(days) if days else None


def heads(session: Session, span: str, first: date, last: date) -> dict[date, Head]:
    rows = session.execute(select(RollupHead.day, RollupHead.signature, RollupHead.generation)
                           .where(RollupHead.span == span, RollupHead.day.between(first, last)))
    return {day: Head(signature, generation) for day, signature, generation in rows}


def read_tallies(session: Session, span: str, days: Collection[date],
                 selection: Selection) -> list[StoredTally]:
    """The stored rows of these days (or months) that the selection wants."""
    if not days:
        return []
    r = ReportRollup
    query = select(
        r.day, r.service, r.dimension, r.key, r.issued, r.served, r.no_show, r.cancelled,
        r.transferred, r.judged, r.within_target, r.wait_count, r.wait_total, r.wait_min,
        r.wait_max, r.wait_histogram, r.service_count, r.service_total, r.service_min,
        r.service_max, r.service_histogram, r.cancelled_by_citizen, r.priority_confirmed,
        r.priority_removed,
    ).where(r.span == span, r.day.in_(sorted(days)), selection.where)
    return [StoredTally(row[0], row[1], row[2], row[3], _tally(row[4:]))
            for row in session.execute(query).all()]


def extremes(session: Session, first: date, last: date, leaving_out: Collection[date],
             selection: Selection) -> dict[GroupKey, Extremes]:
    """Exact minimum and maximum durations per group over the stored days of [first, last]."""
    r = ReportRollup
    query = (select(r.service, r.dimension, r.key, func.min(r.wait_min), func.max(r.wait_max),
                    func.min(r.service_min), func.max(r.service_max))
             .where(r.span == DAY, r.day.between(first, last), selection.where)
             .group_by(r.service, r.dimension, r.key))
    if leaving_out:
        query = query.where(r.day.not_in(sorted(leaving_out)))
    return {(service, dimension, key): tuple(values)  # type: ignore[misc]
            for service, dimension, key, *values in session.execute(query).all()}


def _tally(values: Any) -> Tally:
    (issued, served, no_show, cancelled, transferred, judged, within, *rest) = values
    durations, (by_citizen, confirmed, removed) = rest[:10], rest[10:]
    return Tally(issued, served, no_show, cancelled, transferred, judged, within,
                 by_citizen, confirmed, removed,
                 _durations(durations[:5]), _durations(durations[5:]))


def _durations(values: Any) -> Durations:
    count, total, low, high, histogram = values
    if not count:
        return Durations()
    return Durations(count, total, low, high, Histogram.from_bytes(histogram))


def replace_day(session: Session, day: date, signature: str, read: Head | None,
                tallies: Mapping[GroupKey, Tally], seen_changes: list[IdRun]) -> bool:
    """Store a day's roll-up unless another builder replaced it since `read`; True if stored."""
    month = day.replace(day=1)
    lock_month(session, month)
    if not _claim_head(session, DAY, day, signature, read):
        return False
    month_head = heads(session, MONTH, month, month).get(month)
    in_step = month_head is not None and month_head.signature == signature and (
        read is None or read.signature == signature)
    old = {row.group: row.tally for row in read_tallies(session, DAY, [day], EVERYTHING)
           } if in_step else {}
    session.execute(delete(ReportRollup).where(ReportRollup.span == DAY, ReportRollup.day == day))
    _insert(session, DAY, day, tallies)
    for start in range(0, len(seen_changes), 200):
        session.execute(delete(ReportChange).where(or_(*(
            ReportChange.id.between(low, high) for low, high in seen_changes[start:start + 200]
        ))))
    if in_step and month_head is not None:
        try:
            _update_month(session, month, month_head, old, tallies)
        except (KeyError, ValueError):
            log.warning("month roll-up %s was not the sum of its days: dropped", month)
            _drop_month(session, month)
    elif month_head is not None:
        _drop_month(session, month)  # built under other settings: built again later
    return True


def _update_month(session: Session, month: date, head: Head, old: Mapping[GroupKey, Tally],
                  new: Mapping[GroupKey, Tally]) -> None:
    sums = {row.group: row.tally for row in read_tallies(session, MONTH, [month], EVERYTHING)}
    for group, tally in old.items():
        sums[group].subtract(tally)
    for group, tally in new.items():
        sums.setdefault(group, Tally()).merge(tally)
    bounds = extremes(session, month, _month_end(month), (), EVERYTHING)
    for group, tally in sums.items():
        tally.set_extremes(bounds.get(group, (None, None, None, None)))
    session.execute(delete(ReportRollup).where(ReportRollup.span == MONTH,
                                               ReportRollup.day == month))
    _insert(session, MONTH, month, {group: t for group, t in sums.items() if t.issued})
    _claim_head(session, MONTH, month, head.signature, head)


def replace_month(session: Session, month: date, signature: str) -> bool:
    """Sum the stored days of a month into month rows, if they were all built under these
    settings and the month is not already in step; True if stored."""
    lock_month(session, month)
    current = heads(session, MONTH, month, month).get(month)
    if current is not None and current.signature == signature:
        return False
    days = heads(session, DAY, month, _month_end(month))
    if not days or any(head.signature != signature for head in days.values()):
        return False
    if not _claim_head(session, MONTH, month, signature, current):
        return False
    sums: dict[GroupKey, Tally] = {}
    for stored in read_tallies(session, DAY, list(days), EVERYTHING):
        sums.setdefault(stored.group, Tally()).merge(stored.tally)
    session.execute(delete(ReportRollup).where(ReportRollup.span == MONTH,
                                               ReportRollup.day == month))
    _insert(session, MONTH, month, sums)
    return True


def _drop_month(session: Session, month: date) -> None:
    session.execute(delete(ReportRollup).where(ReportRollup.span == MONTH,
                                               ReportRollup.day == month))
    session.execute(delete(RollupHead).where(RollupHead.span == MONTH, RollupHead.day == month))


def vacuum(engine: Engine) -> None:
    """PostgreSQL: clear the change rows a large roll-up deleted now, not at autovacuum's
    next round (until then, finding a period's changed days reads past them)."""
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("VACUUM ANALYZE report_changes"))
            connection.execute(text("ANALYZE report_rollups"))


def lock_month(session: Session, month: date) -> None:
    if session.get_bind().dialect.name == "postgresql":
        key = MONTH_LOCK_BASE + month.year * 12 + month.month
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})


def _claim_head(session: Session, span: str, day: date, signature: str,
                read: Head | None) -> bool:
    if read is None:
        # A plain insert would abort a PostgreSQL transaction on conflict: count instead
        # (the month lock is held, so nobody inserts in between).
        taken = session.scalar(select(func.count()).select_from(RollupHead)
                               .where(RollupHead.span == span, RollupHead.day == day))
        if taken:
            return False
        session.execute(insert(RollupHead).values(span=span, day=day, signature=signature,
                                                  generation=1))
        return True
    result = session.execute(
        update(RollupHead)
        .where(RollupHead.span == span, RollupHead.day == day,
               RollupHead.generation == read.generation)
        .values(signature=signature, generation=read.generation + 1))
    return bool(getattr(result, "rowcount", 0))


def _insert(session: Session, span: str, day: date, tallies: Mapping[GroupKey, Tally]) -> None:
    # Reports read month rows and each day's totals: those stay quick to read (planes). The
    # other day rows are read only around days that changed: compressed.
    rows = [_row(span, day, group, tally, compress=span == DAY and group[1] != ALL)
            for group, tally in tallies.items()]
    if rows:  # a Core executemany: the ORM's bulk insert takes three times as long here
        session.connection().execute(insert(ROLLUP_TABLE), rows)


def _row(span: str, day: date, group: GroupKey, tally: Tally, compress: bool) -> dict[str, Any]:
    service, dimension, key = group
    return {
        "span": span, "day": day, "service": service, "dimension": dimension, "key": key,
        "issued": tally.issued, "served": tally.served, "no_show": tally.no_show,
        "cancelled": tally.cancelled, "transferred": tally.transferred,
        "judged": tally.judged, "within_target": tally.within,
        "cancelled_by_citizen": tally.cancelled_by_citizen,
        "priority_confirmed": tally.priority_confirmed,
        "priority_removed": tally.priority_removed,
        **_duration_columns("wait", tally.waits, compress),
        **_duration_columns("service", tally.services, compress),
    }


def _duration_columns(prefix: str, durations: Durations, compress: bool) -> dict[str, Any]:
    histogram = durations.histogram.to_bytes(compress) if durations.count else None
    return {
        f"{prefix}_count": durations.count, f"{prefix}_total": durations.total,
        f"{prefix}_min": durations.low, f"{prefix}_max": durations.high,
        f"{prefix}_histogram": histogram,
    }


def _month_end(month: date) -> date:
    return (month.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
