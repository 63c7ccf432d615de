"""How a counter (loket) and its state read on screens."""

from __future__ import annotations

from typing import Any

from antrean.config import CounterSettings
from antrean.db.models import CounterState

COUNTER_STATES = {"open": "Buka", "break": "Istirahat", "closed": "Loket Tutup"}


def counter_view(counter: CounterSettings, state: CounterState | None) -> dict[str, Any]:
    current = state.state if state else "closed"
    return {
        "number": counter.number,
        "name": counter.name,
        "services": list(counter.services),
        "state": current,
        "state_label": COUNTER_STATES[current],
    }
