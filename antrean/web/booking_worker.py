"""The background work of online booking, in every server process: expire missed bookings,
queue the morning reminders and send due notices. Every step is safe to run in several
processes at once, and a notifier that hangs or fails never reaches a request."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping
from typing import Any

from flask import Flask

from antrean.notify.factory import make_notifiers
from antrean.notify.message import Notifier
from antrean.usecases.booking.delivery import deliver_due
from antrean.usecases.booking.sweeps import sweep
from antrean.usecases.context import Office
from antrean.web.booking import EXTENSION_KEY

log = logging.getLogger(__name__)
INTERVAL_SECONDS = 30
BATCH = 20


def start_booking_worker(app: Flask, start_task: Callable[..., Any],
                         sleep: Callable[[float], Any]) -> None:
    """Run the rounds with the server's own task and sleep (eventlet, gevent or threads)."""
    desk = app.extensions[EXTENSION_KEY]
    notifiers = make_notifiers(desk.office.settings)
    sending = threading.Lock()  # green under eventlet/gevent: one sender at a time here

    def send_now() -> None:
        if not sending.acquire(blocking=False):
            return  # the sender at work, or the next round, takes the new notice
        try:
            _guarded(lambda: _deliver_all(desk.office, notifiers))
        finally:
            sending.release()

    def rounds() -> None:
        while True:
            _guarded(lambda: sweep(desk))
            send_now()
            sleep(INTERVAL_SECONDS)

    desk.wake_sender = lambda: start_task(send_now)
    start_task(rounds)


def _deliver_all(office: Office, notifiers: Mapping[str, Notifier]) -> None:
    """Batch after batch until the due notices are out (a rush queues many at once)."""
    while True:
        report = deliver_due(office, notifiers, limit=BATCH)
        if report.sent + report.retrying + report.failed < BATCH:
            return


def _guarded(step: Callable[[], object]) -> None:
    try:
        step()
    except Exception:  # the next round tries again; a request never waits for this
        log.exception("booking background step failed")
