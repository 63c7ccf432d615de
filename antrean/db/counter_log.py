"""The loket state log: recording changes and measuring open time, in the database."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session

from antrean.core.counter_status import CounterStatus
from antrean.db.counter_log_models import CounterStateChange
from antrean.db.epoch import epoch_seconds
from antrean.db.models import CounterState


def set_state(session: Session, row: CounterState, new_state: CounterStatus, user_id: int | None,
              now: datetime) -> None:
    """Change the loket's state; a real change is appended to the log."""
    if row.state != new_state or row.user_id != user_id:
        session.add(CounterStateChange(counter_number=row.number, state=new_state, at=now,
                                       user_id=user_id))
    row.state, row.user_id, row.changed_at = new_state, user_id, now


def open_seconds(session: Session, start: datetime, end: datetime) -> dict[int, int]:
    """Seconds each loket was open within [start, end): from each 'open' to the next change."""
    low, high = int(start.timestamp()), int(end.timestamp())
    if high <= low:
        return {}  # a period that has not begun yet
    dialect = session.get_bind().dialect.name
    at = epoch_seconds(CounterStateChange.at, dialect)
    following = func.lead(at).over(
        partition_by=CounterStateChange.counter_number,
        order_by=(CounterStateChange.at, CounterStateChange.id),
    )
    changes = (
        select(CounterStateChange.counter_number.label("counter"),
               CounterStateChange.state.label("state"), at.label("since"),
               following.label("until"))
        .where(CounterStateChange.at < end)
        .subquery()
    )
    until = func.coalesce(changes.c.until, high)
    clipped_end = case((until > high, high), else_=until)
    clipped_start = case((changes.c.since < low, low), else_=changes.c.since)
    query = (
        select(changes.c.counter, func.sum(clipped_end - clipped_start))
        .where(and_(changes.c.state == CounterStatus.OPEN, until > low))
        .group_by(changes.c.counter)
    )
    rows: Any = session.execute(query).all()
    return {int(counter): int(total or 0) for counter, total in rows}
