"""Reading and writing report roll-ups (db/rollup_models.py). Callers own the session.

Two guards keep a roll-up equal to the events it was built from: a day is replaced only if
its head still has the generation the builder read (two reports racing to roll up one day:
the second gives up), and only the change rows the builder saw are removed (an event
committed meanwhile leaves its own row, so its day stays marked). A month is the sum of its
days' rows; replacing a day deletes its month, and both take the month's advisory lock on
PostgreSQL (SQLite writers are serialised by BEGIN IMMEDIATE), so a month is never summed
from days being replaced.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Engine, delete, func, insert, or_, select, text, update
from sqlalchemy.orm import Session

from antrean.core.histogram import Histogram
from antrean.core.report_tally import ALL, Durations, GroupKey, Tally
from antrean.db.rollup_models import DAY, MONTH, ReportChange, ReportRollup, RollupHead

MONTH_LOCK_BASE = 0x726F0000  # "ro" + year * 12 + month: one advisory lock per month


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


IdRun = tuple[int, int]  # change ids from..to, every one of them seen


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


def read_tallies(session: Session, span: str, days: Collection[date], *, summary: bool,
                 service: str | None = None) -> list[StoredTally]:
    """The stored rows of these days (or months): the ALL rows if summary, else the others."""
    if not days:
        return []
    r = ReportRollup
    query = select(
        r.day, r.service, r.dimension, r.key, r.issued, r.served, r.no_show, r.cancelled,
        r.transferred, r.judged, r.within_target, r.wait_count, r.wait_total, r.wait_min,
        r.wait_max, r.wait_histogram, r.service_count, r.service_total, r.service_min,
        r.service_max, r.service_histogram,
    ).where(r.span == span, r.day.in_(sorted(days)),
            r.dimension == ALL if summary else r.dimension != ALL)
    if service is not None:
        query = query.where(r.service == service)
    return [StoredTally(row[0], row[1], row[2], row[3], _tally(row[4:]))
            for row in session.execute(query).all()]


def _tally(values: Any) -> Tally:
    (issued, served, no_show, cancelled, transferred, judged, within, *durations) = values
    return Tally(issued, served, no_show, cancelled, transferred, judged, within,
                 _durations(durations[:5]), _durations(durations[5:]))


def _durations(values: Any) -> Durations:
    count, total, low, high, histogram = values
    if not count:
        return Durations()
    return Durations(count, total, low, high, Histogram.from_bytes(histogram))


def replace_day(session: Session, day: date, signature: str, read: Head | None,
                tallies: Mapping[GroupKey, Tally], seen_changes: list[IdRun]) -> bool:
    """Store a day's roll-up unless another builder replaced it since `read`; True if stored."""
    lock_month(session, day)
    if not _claim_head(session, DAY, day, signature, read):
        return False
    session.execute(delete(ReportRollup).where(ReportRollup.span == DAY, ReportRollup.day == day))
    _insert(session, DAY, day, tallies)
    for start in range(0, len(seen_changes), 200):
        session.execute(delete(ReportChange).where(or_(*(
            ReportChange.id.between(low, high) for low, high in seen_changes[start:start + 200]
        ))))
    month = day.replace(day=1)
    session.execute(delete(ReportRollup).where(ReportRollup.span == MONTH,
                                               ReportRollup.day == month))
    session.execute(delete(RollupHead).where(RollupHead.span == MONTH, RollupHead.day == month))
    return True


def replace_month(session: Session, month: date, last: date, signature: str) -> bool:
    """Sum the month's day rows into month rows, if every day is rolled up and unchanged."""
    lock_month(session, month)
    if session.scalar(select(func.count()).select_from(ReportChange)
                      .where(ReportChange.day.between(month, last))):
        return False
    stale = session.scalar(select(func.count()).select_from(RollupHead).where(
        RollupHead.span == DAY, RollupHead.day.between(month, last),
        RollupHead.signature != signature))
    if stale:
        return False
    current = heads(session, MONTH, month, month).get(month)
    if current is not None and current.signature == signature:
        return False  # up to date: replacing a day deletes its month
    if not _claim_head(session, MONTH, month, signature, current):
        return False
    sums: dict[GroupKey, Tally] = {}
    days = list(heads(session, DAY, month, last))
    for stored in read_tallies(session, DAY, days, summary=False):
        group = (stored.service, stored.dimension, stored.key)
        sums.setdefault(group, Tally()).merge(stored.tally)
    session.execute(delete(ReportRollup).where(ReportRollup.span == MONTH,
                                               ReportRollup.day == month))
    _insert(session, MONTH, month, sums)
    return True


def vacuum(engine: Engine) -> None:
    """PostgreSQL: clear the change rows a large roll-up deleted now, not at autovacuum's
    next round (until then, finding a period's changed days reads past them)."""
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("VACUUM ANALYZE report_changes"))
            connection.execute(text("ANALYZE report_rollups"))


def lock_month(session: Session, day: date) -> None:
    if session.get_bind().dialect.name == "postgresql":
        key = MONTH_LOCK_BASE + day.year * 12 + day.month
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})


def _claim_head(session: Session, span: str, day: date, signature: str,
                read: Head | None) -> bool:
    if read is None:
        # A plain insert would abort a PostgreSQL transaction on conflict: count instead.
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
    # Every report reads the ALL rows of its days and its months' rows: those stay plain.
    # The other rows of a day are read only for days outside whole months: compressed.
    rows = [_row(span, day, group, tally, compress=span == DAY and group[1] != ALL)
            for group, tally in tallies.items()]
    if rows:
        session.execute(insert(ReportRollup), rows)


def _row(span: str, day: date, group: GroupKey, tally: Tally, compress: bool) -> dict[str, Any]:
    service, dimension, key = group
    return {
        "span": span, "day": day, "service": service, "dimension": dimension, "key": key,
        "issued": tally.issued, "served": tally.served, "no_show": tally.no_show,
        "cancelled": tally.cancelled, "transferred": tally.transferred,
        "judged": tally.judged, "within_target": tally.within,
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
