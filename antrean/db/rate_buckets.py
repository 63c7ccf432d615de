"""Fixed-window request counters (rate_buckets), shared by every server process. Each takes
the caller's session; none commits."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from antrean.db.rate_limit_models import RateBucket

KEY_LENGTH = 128  # the column's width: longer keys are cut, as they always were


def count_hit(session: Session, key: str, window: int) -> int:
    """One more request in `window`; returns the window's count so far. A client's first
    request of a window sweeps out the finished windows."""
    dialect = session.get_bind().dialect.name
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    hits = int(session.execute(
        insert(RateBucket).values(key=key[:KEY_LENGTH], window=window, hits=1)
        .on_conflict_do_update(index_elements=["key", "window"],
                               set_={"hits": RateBucket.hits + 1})
        .returning(RateBucket.hits)
    ).scalar_one())
    if hits == 1:
        session.execute(delete(RateBucket).where(RateBucket.window < window))
    return hits


def hits_in(session: Session, key: str, window: int) -> int | None:
    return session.scalar(select(RateBucket.hits).where(RateBucket.key == key[:KEY_LENGTH],
                                                        RateBucket.window == window))
