"""What the use cases announce after a commit; the realtime layer turns them into pushes."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Protocol

from antrean.usecases.shapes import CounterView, TicketView


class EventKind(StrEnum):
    """Every kind of event a use case publishes; the broadcaster turns each into pushes."""

    ISSUED = "issued"  # a ticket was taken
    CALLED = "called"  # a loket called a ticket: the TV announces it
    RECALLED = "recalled"  # the same ticket called again
    CHANGED = "changed"  # a ticket moved on (started, finished, skipped, transferred...)
    COUNTER = "counter"  # a loket opened, paused or closed
    PRINT = "print"  # how a ticket's paper copy went
    UPDATE = "update"  # the screen pieces one action changed (screen_changes)
    SETUP = "setup"  # services or counters changed in /admin: every screen takes a snapshot
    DEVICE = "device"  # a TV was moved to another zone: its page loads again
    MEDIA = "media"  # lobby media changed in /admin: TVs fetch their playlist again


@dataclass(frozen=True)
class QueueEvent:
    """Something changed, after its commit."""

    kind: EventKind
    ticket: TicketView | None = None
    counter: CounterView | None = None
    announcement: dict[str, Any] | None = None
    extra: dict[str, Any] = field(default_factory=dict)


class Publisher(Protocol):
    def publish(self, events: list[QueueEvent]) -> None:
        """Receives the events of one committed action together."""


class NullPublisher:
    """For the CLI, which pushes nothing."""

    def publish(self, events: list[QueueEvent]) -> None:
        pass


class RecordingPublisher:
    """Keeps what was published, in order; used by domain-level tests."""

    def __init__(self) -> None:
        self.events: list[QueueEvent] = []

    def publish(self, events: list[QueueEvent]) -> None:
        self.events.extend(events)
