"""Report figures computed in the database from the ticket event log.

One pass over the period's events builds a temporary table with one row per ticket (its
facts); every breakdown is then a GROUP BY over that table. Percentiles are PostgreSQL's
percentile_cont; on SQLite the two ranked values around the percentile are picked with
ROW_NUMBER() in SQL and interpolated with the same float formula, so both agree exactly.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import (
    BigInteger,
    Column,
    Date,
    Float,
    Integer,
    MetaData,
    String,
    Table,
    and_,
    case,
    cast,
    func,
    insert,
    literal,
    select,
    text,
)
from sqlalchemy.orm import Session

from antrean.core.statistics import interpolate, percentile_position
from antrean.db.epoch import epoch_seconds, local_epoch
from antrean.db.models import TicketEvent, User

FRACTIONS = {"median": 0.5, "p90": 0.9}
METRICS = ("wait", "service")

facts = Table(
    "report_ticket_facts", MetaData(),
    Column("ticket_id", Integer),
    Column("day", Date),
    Column("hour", Integer),
    Column("service", String(32)),
    Column("priority", String(32)),
    Column("counter", Integer),
    Column("user_id", Integer),
    Column("wait", BigInteger),
    Column("service_time", BigInteger),
    Column("within", Integer),
    Column("served", Integer),
    Column("no_show", Integer),
    Column("cancelled", Integer),
    Column("transferred", Integer),
    prefixes=["TEMPORARY"],
    postgresql_on_commit="DROP",
)

DIMENSIONS = {
    "days": facts.c.day,
    "hours": facts.c.hour,
    "services": facts.c.service,
    "priorities": func.coalesce(facts.c.priority, ""),
    "counters": facts.c.counter,
    "petugas": facts.c.user_id,
}


@dataclass(frozen=True)
class FactFilter:
    first: date
    last: date
    offsets: list[tuple[int, int]]  # office zone's UTC offsets over the period (core.clock)
    targets: dict[str, int]  # service code -> target wait in seconds
    service: str | None = None


def build_facts(session: Session, where: FactFilter) -> None:
    """Create and fill the per-ticket temporary table for this transaction."""
    if session.get_bind().dialect.name == "postgresql":
        # A year is some 300,000 rows to sort per breakdown: sort in memory, not on disk.
        session.execute(text("SET LOCAL work_mem = '64MB'"))
    facts.drop(session.connection(), checkfirst=True)
    facts.create(session.connection())
    session.execute(insert(facts).from_select([c.name for c in facts.columns],
                                              _fact_rows(session, where)))


def drop_facts(session: Session) -> None:
    facts.drop(session.connection(), checkfirst=True)


def _fact_rows(session: Session, where: FactFilter) -> Any:
    dialect = session.get_bind().dialect.name
    at = epoch_seconds(TicketEvent.at, dialect)
    event = TicketEvent.event

    def first(name: str, value: Any = at) -> Any:
        return func.min(case((event == name, value)))

    def last(name: str) -> Any:
        return func.max(case((event == name, at)))

    def flag(name: str) -> Any:
        return func.max(case((event == name, 1), else_=0))

    closing = event.in_(("finish", "no_show"))
    per_ticket = (
        select(
            TicketEvent.ticket_id.label("ticket_id"),
            TicketEvent.local_day.label("day"),
            first("issue").label("issued"),
            first("issue", TicketEvent.service_code).label("service"),
            first("issue", TicketEvent.detail).label("priority"),
            first("call").label("called"),
            last("start").label("started"),
            last("finish").label("finished"),
            func.max(case((closing, TicketEvent.counter_number))).label("counter"),
            func.max(case((closing, TicketEvent.user_id))).label("user_id"),
            flag("no_show").label("no_show"),
            flag("cancel").label("cancelled"),
            flag("transfer").label("transferred"),
        )
        .where(TicketEvent.local_day >= where.first, TicketEvent.local_day <= where.last)
        # Every event of a ticket carries the ticket's day: grouping in the index's order
        # (local_day, ticket_id) lets SQLite aggregate as it scans, without a sort.
        .group_by(TicketEvent.local_day, TicketEvent.ticket_id)
        .subquery()
    )
    t = per_ticket.c
    wait = t.called - t.issued
    target = case(*[(t.service == code, seconds) for code, seconds in where.targets.items()],
                  else_=None) if where.targets else literal(None, Integer)
    rows = select(
        t.ticket_id, t.day,
        (local_epoch(t.issued, where.offsets) % 86400) // 3600,
        t.service, t.priority, t.counter, t.user_id,
        wait,
        t.finished - t.started,
        case((and_(target.is_not(None), t.called.is_not(None)),
              case((wait <= target, 1), else_=0))),
        case((t.finished.is_not(None), 1), else_=0),
        t.no_show, t.cancelled, t.transferred,
    ).where(t.issued.is_not(None))
    if where.service is not None:
        rows = rows.where(t.service == where.service)
    return rows


def counts(session: Session, dimension: str | None) -> dict[Any, dict[str, int | None]]:
    """Tallies and sums per group (one row for the whole period when dimension is None)."""
    c = facts.c
    figures = [
        func.count().label("issued"),
        func.coalesce(func.sum(c.served), 0).label("served"),
        func.coalesce(func.sum(c.no_show), 0).label("no_show"),
        func.coalesce(func.sum(c.cancelled), 0).label("cancelled"),
        func.coalesce(func.sum(c.transferred), 0).label("transferred"),
        func.count(c.wait).label("wait_count"),
        func.coalesce(func.sum(c.wait), 0).label("wait_sum"),
        func.max(c.wait).label("wait_max"),
        func.count(c.service_time).label("service_count"),
        func.coalesce(func.sum(c.service_time), 0).label("service_sum"),
        func.max(c.service_time).label("service_max"),
        func.count(c.within).label("judged"),
        func.coalesce(func.sum(c.within), 0).label("within"),
    ]
    if dimension is None:
        row = session.execute(select(*figures)).one()
        return {None: _ints(row._mapping)}
    key = DIMENSIONS[dimension].label("key")
    result = session.execute(select(key, *figures).group_by(key)).all()
    return {row.key: _ints(row._mapping) for row in result}


def _ints(mapping: Any) -> dict[str, int | None]:
    return {name: (int(value) if value is not None else None)
            for name, value in mapping.items() if name != "key"}


def percentiles(session: Session, dimension: str | None,
                metric: str) -> dict[Any, dict[str, float]]:
    """Median and p90 of 'wait' or 'service' seconds per group, linear interpolation."""
    value = facts.c.wait if metric == "wait" else facts.c.service_time
    key = DIMENSIONS[dimension] if dimension is not None else None
    if session.get_bind().dialect.name == "postgresql":
        return _percentile_cont(session, key, value)
    return _ranked(session, key, value)


def _percentile_cont(session: Session, key: Any, value: Any) -> dict[Any, dict[str, float]]:
    ordered = cast(value, Float)
    columns = [func.percentile_cont(fraction).within_group(ordered).label(name)
               for name, fraction in FRACTIONS.items()]
    query = select(*columns).where(value.is_not(None))
    if key is not None:
        query = select(key.label("key"), *columns).where(value.is_not(None)).group_by(key)
    result = {}
    for row in session.execute(query).all():
        mapping = row._mapping
        result[mapping.get("key")] = {name: float(mapping[name]) for name in FRACTIONS}
    return result


def _ranked(session: Session, key: Any, value: Any) -> dict[Any, dict[str, float]]:
    partition = [key] if key is not None else None
    # One window (same partition and order) for both, so SQLite sorts the rows only once.
    ranked = select(
        (key if key is not None else literal(None)).label("key"),
        value.label("value"),
        func.row_number().over(partition_by=partition, order_by=value).label("rank"),
        func.count().over(partition_by=partition, order_by=value,
                          rows=(None, None)).label("n"),
    ).where(value.is_not(None)).subquery()
    r = ranked.c
    picks = []
    for name, fraction in FRACTIONS.items():
        lower = cast(fraction * (r.n - 1), Integer) + 1  # floor: the value is never negative
        picks.append(func.max(case((r.rank == lower, r.value))).label(f"{name}_low"))
        picks.append(func.max(case((r.rank == lower + 1, r.value))).label(f"{name}_high"))
    query = select(r.key, func.max(r.n).label("n"), *picks).group_by(r.key)
    result = {}
    for row in session.execute(query).all():
        mapping = row._mapping
        figures = {}
        for name, fraction in FRACTIONS.items():
            _, weight = percentile_position(int(mapping["n"]), fraction)
            figures[name] = interpolate(mapping[f"{name}_low"], mapping[f"{name}_high"], weight)
        result[mapping["key"]] = figures
    return result


def names_of_users(session: Session, ids: Sequence[int]) -> dict[int, str]:
    if not ids:
        return {}
    rows = session.execute(select(User.id, User.display_name, User.username)
                           .where(User.id.in_(list(ids)))).all()
    return {int(i): (name or username) for i, name, username in rows}
