"""The office a use case works on: settings, clock, database and where events go."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.orm import Session, sessionmaker

from antrean.config import Settings
from antrean.core.clock import OfficeClock, utc_now
from antrean.core.errors import DomainError, ErrorKind
from antrean.db.engine import READ_ONLY_OPTION
from antrean.printing.dispatch import NoPrinting, PrintDispatcher
from antrean.usecases.events import NullPublisher, Publisher, QueueEvent


@dataclass
class Office:
    settings: Settings
    sessions: sessionmaker[Session]
    publisher: Publisher = field(default_factory=NullPublisher)
    now: Callable[[], datetime] = utc_now  # replaced in tests to travel in time
    print_dispatcher: PrintDispatcher = field(default_factory=NoPrinting)
    # Read models kept between requests (snapshot_cache); each checks it is current itself.
    memo: dict[str, Any] = field(default_factory=dict)

    @property
    def clock(self) -> OfficeClock:
        return OfficeClock(self.settings.office.timezone)

    def today(self) -> datetime:
        return self.clock.local(self.now())

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work; a database outage becomes a clear 'unavailable' error."""
        try:
            with self.sessions() as session, session.begin():
                yield session
        except (OperationalError, PoolTimeout) as exc:
            raise DomainError(
                ErrorKind.UNAVAILABLE, "database_unavailable",
                "Basis data sedang tidak dapat dihubungi. Silakan coba lagi sebentar lagi.",
            ) from exc

    @contextmanager
    def read_transaction(self) -> Iterator[Session]:
        """A read-only unit of work; on SQLite it does not take the write lock (reports)."""
        with self.transaction() as session:
            session.connection(execution_options={READ_ONLY_OPTION: True})
            yield session

    def publish(self, events: list[QueueEvent]) -> None:
        """Called only after commit, so a screen never shows what the database did not keep."""
        if events:
            self.publisher.publish(events)
