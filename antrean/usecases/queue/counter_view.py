"""How a counter (loket) and its state read on screens."""

from __future__ import annotations

from antrean.config import CounterSettings
from antrean.core.counter_status import COUNTER_STATUS_LABELS, CounterStatus
from antrean.db.models import CounterState
from antrean.usecases.shapes import CounterView


def counter_view(counter: CounterSettings, state: CounterState | None) -> CounterView:
    current = state.state if state else CounterStatus.CLOSED
    return {
        "number": counter.number,
        "name": counter.name,
        "services": list(counter.services),
        "state": current,
        "state_label": COUNTER_STATUS_LABELS[current],
    }
