"""A notice ready to send, and how a send can fail."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol


@dataclass(frozen=True)
class Outbound:
    key: str  # stable per booking, message and channel: a gateway may drop a repeat by it
    event: str  # made, reminder, turn_near, called, cancelled
    recipient: str  # 62xxxxxxxxxx for the webhook, an address for e-mail
    name: str
    subject: str
    text: str
    data: dict[str, Any] = field(default_factory=dict)


class DeliveryError(Exception):
    """The notice did not go out. `retry`: worth trying again later (gateway down, 5xx)."""

    def __init__(self, reason: str, retry: bool = True) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retry = retry


class Notifier(Protocol):
    channel: str  # "webhook" or "email", as the outbox names it

    def send(self, message: Outbound) -> None:
        """Deliver or raise DeliveryError; never blocks longer than its timeout."""
