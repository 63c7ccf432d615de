"""Send the queued notices: claim due ones, send each outside any transaction, record how it
went. A failed send is retried with back-off (retry_seconds, doubled each time, at most an
hour) until max_attempts; a refusal that retrying cannot mend (HTTP 4xx) fails at once."""

from __future__ import annotations

import json
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from antrean.db import outbox
from antrean.db.booking_models import OutboxMessage
from antrean.notify.message import DeliveryError, Notifier, Outbound
from antrean.usecases.context import Office

LEASE = timedelta(minutes=2)  # longer than any send may take (timeouts are at most 30 s)
MAX_BACKOFF = timedelta(hours=1)


@dataclass(frozen=True)
class DeliveryReport:
    sent: int = 0
    retrying: int = 0
    failed: int = 0


def deliver_due(office: Office, notifiers: Mapping[str, Notifier],
                limit: int = 20) -> DeliveryReport:
    """Send up to `limit` due notices; safe to run in several processes at once."""
    token = secrets.token_hex(16)
    with office.transaction() as session:
        claimed = [_outbound(row) for row in
                   outbox.claim_due(session, token, office.now(), LEASE, limit)]
    counts = {"sent": 0, "retrying": 0, "failed": 0}
    for message_id, attempts, channel, message in claimed:
        outcome = _send(office, notifiers.get(channel), message)
        state, error, retry_at = _settlement(office, outcome, attempts)
        with office.transaction() as session:
            outbox.settle(session, message_id, token, state, office.now(), error, retry_at)
        counts["retrying" if retry_at else state if state == outbox.SENT else "failed"] += 1
    return DeliveryReport(**counts)


def _outbound(row: OutboxMessage) -> tuple[int, int, str, Outbound]:
    payload = json.loads(row.payload)
    message = Outbound(
        key=payload["key"], event=row.message,
        recipient=row.recipient, name=payload["name"], subject=payload["subject"],
        text=payload["text"], data=payload["data"],
    )
    return row.id, row.attempts, row.channel, message


def _send(office: Office, notifier: Notifier | None,
          message: Outbound) -> DeliveryError | None:
    if notifier is None:
        return DeliveryError("channel no longer configured", retry=False)
    try:
        notifier.send(message)
    except DeliveryError as error:
        return error
    return None


def _settlement(office: Office, error: DeliveryError | None,
                attempts: int) -> tuple[str, str | None, datetime | None]:
    if error is None:
        return outbox.SENT, None, None
    settings = office.settings.notify
    if not error.retry or attempts >= settings.max_attempts:
        return outbox.FAILED, error.reason[:500], None
    backoff = min(timedelta(seconds=settings.retry_seconds * 2 ** (attempts - 1)), MAX_BACKOFF)
    return outbox.PENDING, error.reason[:500], office.now() + backoff
