"""Runs print jobs off the request path, one at a time per printer."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any, Protocol

log = logging.getLogger(__name__)


class PrintDispatcher(Protocol):
    def submit(self, job_id: int) -> None:
        """Print the job later; never raises, never blocks the caller."""


class NoPrinting:
    def submit(self, job_id: int) -> None:
        return None


class BackgroundPrinting:
    """Hands each job to a background task; a lock keeps jobs from interleaving on paper.

    `spawn` is the server's own way of starting a task (Socket.IO's start_background_task), so
    the same code runs as an eventlet/gevent greenlet or a thread.
    """

    def __init__(self, run_job: Callable[[int], None],
                 spawn: Callable[..., Any]) -> None:
        self._run_job = run_job
        self._spawn = spawn
        self._lock = threading.Lock()

    def submit(self, job_id: int) -> None:
        try:
            self._spawn(self._run_locked, job_id)
        except Exception:  # the ticket is already committed; the job stays visible as pending
            log.exception("could not start print job %s", job_id)

    def _run_locked(self, job_id: int) -> None:
        with self._lock:
            try:
                self._run_job(job_id)
            except Exception:
                log.exception("print job %s crashed", job_id)
