"""Tables. Services and counters come from config.toml; the database keeps what happens."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from antrean.core.access import Role
from antrean.core.counter_status import CounterStatus
from antrean.core.ticket import TicketStatus
from antrean.db.types import StrEnumColumn, UtcDateTime


class Base(DeclarativeBase):
    pass


class DailySequence(Base):
    """The last number issued per service per office-local day; the row is the lock."""

    __tablename__ = "daily_sequences"

    service_code: Mapped[str] = mapped_column(String(32), primary_key=True)
    local_day: Mapped[date] = mapped_column(Date, primary_key=True)
    last_sequence: Mapped[int] = mapped_column(Integer)


class Ticket(Base):
    __tablename__ = "tickets"
    __table_args__ = (
        # The database guards the numbering too, whatever the application does.
        UniqueConstraint("origin_service_code", "local_day", "sequence",
                         name="uq_ticket_number_per_day"),
        Index("ix_tickets_queue", "service_code", "status", "priority_rank", "issued_at"),
        Index("ix_tickets_day", "local_day", "service_code"),
        Index("ix_tickets_counter_status", "counter_number", "status"),
        Index("ix_tickets_day_called", "local_day", "called_at"),  # the TV's recent calls
        # A day's queue of a service in calling order: people ahead and call-next count or
        # read index entries only, however long the queue. (Named anew when the order moved
        # from issued_at to queue_at, so existing databases get it; migrate drops the old one.)
        Index("ix_tickets_day_queue_at", "service_code", "local_day", "status", "priority_rank",
              "queue_at", "id"),
        Index("ix_tickets_day_finished", "service_code", "local_day", "finished_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # Public, unguessable id for the tracking page: the integer id must not reveal others.
    public_id: Mapped[str] = mapped_column(String(32), unique=True)
    number: Mapped[str] = mapped_column(String(16))
    origin_service_code: Mapped[str] = mapped_column(String(32))
    service_code: Mapped[str] = mapped_column(String(32))
    local_day: Mapped[date] = mapped_column(Date)
    sequence: Mapped[int] = mapped_column(Integer)
    priority: Mapped[str | None] = mapped_column(String(32))
    # 0 for priority tickets, 1 for regular: sorts priority first in one index.
    priority_rank: Mapped[int] = mapped_column(Integer)
    # core.priority_check.PriorityCheck: pending, confirmed or removed; null: not checked.
    priority_check: Mapped[str | None] = mapped_column(String(16))
    status: Mapped[TicketStatus] = mapped_column(StrEnumColumn(TicketStatus))
    channel: Mapped[str] = mapped_column(String(16), default="kiosk")
    issued_at: Mapped[datetime] = mapped_column(UtcDateTime)
    # Where the ticket stands in the queue: its issue time for walk-ins, the session start for
    # a booking checked in on time. Null on tickets older than this column.
    queue_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    first_called_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    called_at: Mapped[datetime | None] = mapped_column(UtcDateTime)  # the latest call
    started_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    counter_number: Mapped[int | None] = mapped_column(Integer)
    served_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    events: Mapped[list[TicketEvent]] = relationship(
        back_populates="ticket", order_by="TicketEvent.id"
    )


class TicketEvent(Base):
    """Append-only log of every state change: the source of the statistics."""

    __tablename__ = "ticket_events"
    __table_args__ = (
        Index("ix_ticket_events_ticket", "ticket_id", "event"),
        Index("ix_ticket_events_at", "at"),
        Index("ix_ticket_events_day", "local_day", "ticket_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id"))
    event: Mapped[str] = mapped_column(String(16))
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    local_day: Mapped[date] = mapped_column(Date)
    service_code: Mapped[str] = mapped_column(String(32))
    counter_number: Mapped[int | None] = mapped_column(Integer)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    detail: Mapped[str | None] = mapped_column(Text)

    ticket: Mapped[Ticket] = relationship(back_populates="events")


class CounterState(Base):
    """Whether a loket is open, on a break or closed, and who sits there."""

    __tablename__ = "counter_states"

    number: Mapped[int] = mapped_column(Integer, primary_key=True)
    state: Mapped[CounterStatus] = mapped_column(StrEnumColumn(CounterStatus),
                                                 default=CounterStatus.CLOSED)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    changed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(128), default="")
    password_hash: Mapped[str] = mapped_column(String(256))
    role: Mapped[Role] = mapped_column(StrEnumColumn(Role))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    # The instansi the person works for (core.scope); null: the whole office.
    agency: Mapped[str | None] = mapped_column(String(32))


class ApiToken(Base):
    """A bearer token, stored as its SHA-256 only; revocable."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    label: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    user: Mapped[User] = relationship()


class Setting(Base):
    """Small runtime settings an admin changes without editing config.toml (running text)."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
