"""Fixed-window request counting in the database, shared by every server process."""

from __future__ import annotations

from antrean.db import rate_buckets
from antrean.usecases.context import Office

WINDOW_SECONDS = 60


def take(office: Office, key: str, limit: int) -> int | None:
    """Count one request for `key`; None if allowed, else the seconds until the next window."""
    now = office.now().timestamp()
    window = int(now // WINDOW_SECONDS)
    with office.transaction() as session:
        hits = rate_buckets.count_hit(session, key, window)
    if hits <= limit:
        return None
    return max(1, int((window + 1) * WINDOW_SECONDS - now + 0.999))


def waiting_time(office: Office, key: str, limit: int) -> int | None:
    """Without counting: None if `key` may go on, else the seconds until the next window."""
    now = office.now().timestamp()
    window = int(now // WINDOW_SECONDS)
    with office.transaction() as session:
        hits = rate_buckets.hits_in(session, key, window)
    if hits is None or hits < limit:
        return None
    return max(1, int((window + 1) * WINDOW_SECONDS - now + 0.999))
