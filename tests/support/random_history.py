"""Random office days played through the real use cases, each running past local midnight.

Petugas call, start, finish, skip, requeue, mark no-shows, transfer and take breaks; citizens
take numbers (some with a priority) and cancel. Actions that do not fit the ticket's state are
refused by the use cases (409) and simply skipped, as a console would.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from antrean.core.errors import DomainError
from antrean.core.ticket import Priority
from antrean.usecases.access.accounts import create_user
from antrean.usecases.context import Office
from antrean.usecases.queue import calling, counters, serving
from antrean.usecases.queue.issuing import issue_ticket
from tests.support.clock import ManualClock

SERVICES = ("KTP", "KK", "AKTA")
COUNTERS = (1, 2, 3)


@dataclass
class RandomHistory:
    office: Office
    clock: ManualClock
    rng: random.Random
    petugas: list[int] = field(default_factory=list)
    tickets: list[str] = field(default_factory=list)  # public ids, in issue order
    at_counter: dict[int, str] = field(default_factory=dict)
    services: tuple[str, ...] = SERVICES
    counters: tuple[int, ...] = COUNTERS

    def play_day(self, day: date, tickets: int, until_after_midnight: int = 40) -> None:
        """From 07.30 local until `until_after_midnight` minutes into the next day."""
        zone = ZoneInfo(self.office.settings.office.timezone)
        self.clock.set(datetime(day.year, day.month, day.day, 7, 30, tzinfo=zone))
        end = datetime.combine(day + timedelta(days=1), datetime.min.time(), tzinfo=zone)
        end += timedelta(minutes=until_after_midnight)
        gap = (end - self.clock()).total_seconds() / (tickets * 4)
        while self.clock() < end:
            self.clock.advance(seconds=self.rng.randint(1, int(gap * 2)))
            self.step()

    def step(self) -> None:
        if not self.tickets:
            self.issue()
            return
        actions = [(self.issue, 25), (self.call, 25), (lambda: self._on_current(serving.start), 12),
                   (lambda: self._on_current(serving.finish), 18),
                   (lambda: self._on_current(serving.skip), 4),
                   (lambda: self._on_current(serving.no_show), 4),
                   (self.transfer, 3), (lambda: self._on_ticket(serving.requeue), 3),
                   (lambda: self._on_ticket(serving.cancel), 3), (self.counter_state, 3)]
        action, = self.rng.choices([a for a, _ in actions], [w for _, w in actions])
        action()

    def issue(self) -> None:
        priority = self.rng.choice(list(Priority)) if self.rng.random() < 0.15 else None
        service = self.rng.choice(self.services)
        self.tickets.append(issue_ticket(self.office, service, priority)["id"])

    def call(self) -> None:
        counter = self.rng.choice(self.counters)
        called = self._try(lambda: calling.call_next(self.office, counter,
                                                     self._who(counter)))
        if called:
            self.at_counter[counter] = called["id"]

    def transfer(self) -> None:
        ticket, target = self.rng.choice(self.tickets), self.rng.choice(self.services)
        self._try(lambda: serving.transfer(self.office, ticket, target, self._who()))

    def counter_state(self) -> None:
        counter = self.rng.choice(self.counters)
        state = self.rng.choice(("break", "closed", "open"))
        self._try(lambda: counters.set_counter_state(self.office, counter, state,
                                                     self._who(counter)))

    def _on_ticket(self, action: Callable[[Office, str, int | None], Any]) -> None:
        ticket = self.rng.choice(self.tickets)
        self._try(lambda: action(self.office, ticket, self._who()))

    def _on_current(self, action: Callable[[Office, str, int | None], Any]) -> None:
        if self.at_counter:
            counter = self.rng.choice(list(self.at_counter))
            ticket = self.at_counter[counter]
            self._try(lambda: action(self.office, ticket, self._who(counter)))

    def _who(self, counter: int | None = None) -> int:
        """Mostly the loket's own petugas (one per loket); now and then someone else, who is
        refused while the loket's petugas holds it."""
        if counter is None or self.rng.random() < 0.1:
            return self.rng.choice(self.petugas)
        return self.petugas[(counter - 1) % len(self.petugas)]

    @staticmethod
    def _try(action: Callable[[], Any]) -> Any:
        try:
            return action()
        except DomainError:
            return None  # refused: the state did not allow it


def random_history(office: Office, clock: ManualClock, seed: int, days: Iterable[date],
                   tickets_per_day: int = 25) -> RandomHistory:
    history = RandomHistory(office, clock, random.Random(seed))
    history.petugas = [create_user(office, name, "rahasia123", "petugas", name.title()).user_id
                       for name in ("siti", "budi", "wayan")]
    for day in days:
        history.play_day(day, tickets_per_day)
    return history
