"""The outbox of notices: added in the transaction of the action they tell about, claimed by
one server process at a time, sent after the commit.

"Once" is held by the unique (booking, message, channel) key: adding a notice twice adds
nothing. Claiming is a conditional UPDATE, so two processes never send the same row at the
same time; a process that dies while sending leaves its claim to run out and be retried.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from antrean.db.booking_models import OutboxMessage

PENDING, SENT, FAILED = "pending", "sent", "failed"


def add_once(session: Session, booking_id: int, message: str, channel: str, recipient: str,
             payload: str, now: datetime) -> bool:
    """Queue a notice unless it was queued before; True when this call added it."""
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    result = session.execute(
        insert(OutboxMessage).values(
            booking_id=booking_id, message=message, channel=channel, recipient=recipient,
            payload=payload, state=PENDING, attempts=0, next_attempt_at=now, created_at=now,
        ).on_conflict_do_nothing(index_elements=["booking_id", "message", "channel"])
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


def claim_due(session: Session, token: str, now: datetime, lease: timedelta,
              limit: int) -> Sequence[OutboxMessage]:
    """Claim up to `limit` due notices for `token`; rows another process holds are left."""
    free = or_(OutboxMessage.claimed_until.is_(None), OutboxMessage.claimed_until < now)
    due = (OutboxMessage.state == PENDING, OutboxMessage.next_attempt_at <= now, free)
    candidates = select(OutboxMessage.id).where(*due).order_by(OutboxMessage.id).limit(limit)
    # The WHERE is checked again on each row as it is locked: of two claimers, one wins.
    session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id.in_(candidates.scalar_subquery()), *due)
        .values(claim_token=token, claimed_until=now + lease,
                attempts=OutboxMessage.attempts + 1)
        .execution_options(synchronize_session=False)
    )
    return session.scalars(select(OutboxMessage).where(OutboxMessage.claim_token == token)
                           .order_by(OutboxMessage.id)).all()


def settle(session: Session, message_id: int, token: str, state: str, now: datetime,
           error: str | None = None, retry_at: datetime | None = None) -> None:
    """Record how a claimed send went; a claim that ran out and was taken over is left."""
    values: dict[str, object] = {"state": state, "claim_token": None, "claimed_until": None,
                                 "last_error": error}
    if state == SENT:
        values["sent_at"] = now
    if retry_at is not None:
        values["next_attempt_at"] = retry_at
    session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id == message_id, OutboxMessage.claim_token == token)
        .values(**values).execution_options(synchronize_session=False)
    )


def messages_of(session: Session, booking_id: int) -> Sequence[OutboxMessage]:
    return session.scalars(select(OutboxMessage).where(OutboxMessage.booking_id == booking_id)
                           .order_by(OutboxMessage.id)).all()
