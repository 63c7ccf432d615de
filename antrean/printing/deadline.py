"""One time budget shared by connect, write and status read, so a job never outlives it."""

from __future__ import annotations

import time


class Deadline:
    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._ends_at = time.monotonic() + seconds

    def remaining(self) -> float:
        """Seconds left; raises TimeoutError once the budget is spent."""
        left = self._ends_at - time.monotonic()
        if left <= 0:
            raise TimeoutError("printer time budget spent")
        return left
