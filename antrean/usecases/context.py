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
from antrean.db import screen_versions
from antrean.db.connection_options import READ_ONLY_OPTION
from antrean.db.report_queries import use_one_snapshot
from antrean.printing.dispatch import NoPrinting, PrintDispatcher
from antrean.usecases.events import NullPublisher, Publisher, QueueEvent
from antrean.usecases.live_setup import LiveSetup

# In session.info while a transaction begun with `setup_read_later` has not had its set-up.
_SETUP_PENDING = "antrean.setup_pending"


@dataclass
class Office:
    settings: Settings
    sessions: sessionmaker[Session]
    publisher: Publisher = field(default_factory=NullPublisher)
    now: Callable[[], datetime] = utc_now  # replaced in tests to travel in time
    print_dispatcher: PrintDispatcher = field(default_factory=NoPrinting)
    # Read models kept between requests (snapshot_cache); each checks it is current itself.
    memo: dict[str, Any] = field(default_factory=dict)
    # Where services, counters and office details come from when they are edited live: each
    # transaction then starts from the set-up the database holds (see live_setup).
    setup: LiveSetup | None = None

    @property
    def clock(self) -> OfficeClock:
        return OfficeClock(self.settings.office.timezone)

    def today(self) -> datetime:
        return self.clock.local(self.now())

    @contextmanager
    def transaction(self, read_only: bool = False, one_snapshot: bool = False,
                    setup_read_later: bool = False, with_setup: bool = True
                    ) -> Iterator[Session]:
        """One unit of work; a database outage becomes a clear 'unavailable' error.

        It starts from the set-up the database holds. `setup_read_later`: the caller's first
        statement reads the set-up's version too and hands it to `use_setup_version` (the hot
        paths spare a statement so); a transaction that never does fails instead of committing.
        """
        try:
            with self.sessions() as session, session.begin():
                if read_only:
                    session.connection(execution_options={READ_ONLY_OPTION: True})
                if one_snapshot:
                    use_one_snapshot(session)  # before any statement, the set-up's too
                if self.setup is not None and with_setup:
                    if setup_read_later:
                        session.info[_SETUP_PENDING] = True
                    else:
                        self.read_setup(session)
                yield session
                if session.info.pop(_SETUP_PENDING, False):
                    raise RuntimeError("a transaction begun with setup_read_later never read "
                                       "the set-up's version (use_setup_version)")
        except (OperationalError, PoolTimeout) as exc:
            raise DomainError(
                ErrorKind.UNAVAILABLE, "database_unavailable",
                "Basis data sedang tidak dapat dihubungi. Silakan coba lagi sebentar lagi.",
            ) from exc

    def read_setup(self, session: Session) -> None:
        """Bring office.settings up to the set-up the database holds now."""
        self.use_setup_version(session, None)

    def use_setup_version(self, session: Session, version: int | None) -> None:
        """The settings of set-up `version`, which the caller read in this transaction (None:
        read it now)."""
        session.info.pop(_SETUP_PENDING, None)
        if self.setup is not None:
            self.settings = self.setup.current(session, self.clock.local_day(self.now()),
                                               version)

    @contextmanager
    def stamped_read(self) -> Iterator[tuple[Session, screen_versions.Stamp]]:
        """A read-only unit of work whose first statement reads the screens' stamp, which
        carries the set-up's version: cached read models check they are current and the
        settings come up to date in that one statement."""
        with self.transaction(read_only=True, setup_read_later=True) as session:
            stamp = screen_versions.stamp(session)
            self.use_setup_version(session, stamp.setup)
            yield session, stamp

    @contextmanager
    def read_transaction(self, one_snapshot: bool = False,
                         with_setup: bool = True) -> Iterator[Session]:
        """A read-only unit of work; on SQLite it does not take the write lock (reports).
        `one_snapshot`: every statement sees the same committed state (report_queries).
        `with_setup=False`: reads that do not depend on the settings (the connection sweep's
        credential checks) spare the statement that brings them up to date."""
        with self.transaction(read_only=True, one_snapshot=one_snapshot,
                              with_setup=with_setup) as session:
            yield session

    def publish(self, events: list[QueueEvent]) -> None:
        """Called only after commit, so a screen never shows what the database did not keep."""
        if events:
            self.publisher.publish(events)
