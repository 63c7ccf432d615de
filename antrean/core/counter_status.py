"""A loket's own state: open, on a break, or closed; and how screens name it."""

from __future__ import annotations

from enum import StrEnum


class CounterStatus(StrEnum):
    OPEN = "open"
    BREAK = "break"
    CLOSED = "closed"


COUNTER_STATUS_LABELS: dict[CounterStatus, str] = {
    CounterStatus.OPEN: "Buka",
    CounterStatus.BREAK: "Istirahat",
    CounterStatus.CLOSED: "Loket Tutup",
}
