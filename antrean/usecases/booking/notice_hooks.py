"""Hear the queue's committed events and tell booked citizens: their turn is near, they are
called. Work happens later, in a background task, so a queue action never waits for it and a
failure here never reaches it; each notice is queued at most once (the outbox's key)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from antrean.usecases.booking.desk import BookingDesk
from antrean.usecases.booking.notices import queue_called_notice, queue_turn_near_notices
from antrean.usecases.events import Publisher, QueueEvent

log = logging.getLogger(__name__)
CALLS = frozenset({"called", "recalled"})
QUEUE_MOVES = CALLS | {"changed"}  # a call, skip, no-show, transfer or cancel


class BookingNoticeHooks:
    """A Publisher that passes every event on, then schedules the notices they earn."""

    def __init__(self, inner: Publisher, desk: BookingDesk,
                 run_later: Callable[..., Any]) -> None:
        self.inner = inner
        self.desk = desk
        self.run_later = run_later

    def publish(self, events: list[QueueEvent]) -> None:
        self.inner.publish(events)
        called, moved = self._interesting(events)
        if called or moved:
            self.run_later(self.notify, called, moved)

    def _interesting(self, events: list[QueueEvent]) -> tuple[list[str], set[str]]:
        """Called tickets, and services whose queue moved, among those taking bookings."""
        settings = self.desk.office.settings
        if not settings.notify.channels():
            return [], set()
        called: list[str] = []
        moved: set[str] = set()
        for event in events:
            ticket = event.ticket
            if ticket is None or event.kind not in QUEUE_MOVES:
                continue
            service = settings.service(str(ticket.get("service")))
            if service is None or service.booking is None:
                continue
            moved.add(service.code)
            if event.kind in CALLS and ticket.get("channel") == "online":  # check-ins' channel
                called.append(str(ticket["id"]))
        return called, moved

    def notify(self, called: list[str], moved: set[str]) -> None:
        for ticket_id in called:
            self._guarded(queue_called_notice, ticket_id)
        for service_code in sorted(moved):
            self._guarded(queue_turn_near_notices, service_code)

    def _guarded(self, step: Callable[[BookingDesk, str], object], argument: str) -> None:
        try:
            step(self.desk, argument)
        except Exception:  # the sweep's next round looks again; the queue action stands
            log.exception("booking notice after a queue event failed")
