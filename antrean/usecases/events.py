"""What the use cases announce after a commit; the realtime layer turns them into pushes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol


@dataclass(frozen=True)
class QueueEvent:
    """Something changed. `kind`: issued, called, recalled, changed, counter."""

    kind: str
    ticket: dict[str, Any] | None = None
    counter: dict[str, Any] | None = None
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
