"""Fixed-window request counting in the database, shared by every server process."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from antrean.db.rate_limit_models import RateBucket
from antrean.usecases.context import Office

WINDOW_SECONDS = 60


def take(office: Office, key: str, limit: int) -> int | None:
    """Count one request for `key`; None if allowed, else the seconds until the next window."""
    now = office.now().timestamp()
    window = int(now // WINDOW_SECONDS)
    with office.transaction() as session:
        dialect = session.get_bind().dialect.name
        insert = pg_insert if dialect == "postgresql" else sqlite_insert
        hits = int(session.execute(
            insert(RateBucket).values(key=key[:128], window=window, hits=1)
            .on_conflict_do_update(index_elements=["key", "window"],
                                   set_={"hits": RateBucket.hits + 1})
            .returning(RateBucket.hits)
        ).scalar_one())
        if hits == 1:  # a client's first request of a window sweeps out finished windows
            session.execute(delete(RateBucket).where(RateBucket.window < window))
    if hits <= limit:
        return None
    return max(1, int((window + 1) * WINDOW_SECONDS - now + 0.999))


def waiting_time(office: Office, key: str, limit: int) -> int | None:
    """Without counting: None if `key` may go on, else the seconds until the next window."""
    now = office.now().timestamp()
    window = int(now // WINDOW_SECONDS)
    with office.transaction() as session:
        hits = session.scalar(select(RateBucket.hits).where(RateBucket.key == key[:128],
                                                            RateBucket.window == window))
    if hits is None or hits < limit:
        return None
    return max(1, int((window + 1) * WINDOW_SECONDS - now + 0.999))
