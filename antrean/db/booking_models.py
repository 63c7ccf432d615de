"""Bookings (antrean online), the row that serialises them, and the outbox of notices."""

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
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from antrean.db.models import Base, Ticket
from antrean.db.types import UtcDateTime

# One person (phone or NIK) holds one active booking per service and day; the database
# guards it too, whatever the application does. Partial indexes work on SQLite and PostgreSQL.
_ACTIVE = text("status IN ('booked', 'checked_in')")
_ACTIVE_WITH_NIK = text("status IN ('booked', 'checked_in') AND nik_hash IS NOT NULL")


class Booking(Base):
    __tablename__ = "bookings"
    __table_args__ = (
        Index("ix_bookings_day", "local_day", "service_code", "session_start"),
        Index("ix_bookings_due", "status", "checkin_closes_at"),
        Index("ix_bookings_ticket", "ticket_id"),  # a called ticket's booking; reports
        Index("uq_bookings_phone_per_day", "service_code", "local_day", "phone", unique=True,
              sqlite_where=_ACTIVE, postgresql_where=_ACTIVE),
        Index("uq_bookings_nik_per_day", "service_code", "local_day", "nik_hash", unique=True,
              sqlite_where=_ACTIVE_WITH_NIK, postgresql_where=_ACTIVE_WITH_NIK),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(8), unique=True)
    service_code: Mapped[str] = mapped_column(String(32))
    local_day: Mapped[date] = mapped_column(Date)
    session_start: Mapped[str] = mapped_column(String(5))  # "08:00", the session's key
    session_label: Mapped[str] = mapped_column(String(16))  # "08.00-10.00", as booked
    session_starts_at: Mapped[datetime] = mapped_column(UtcDateTime)
    checkin_opens_at: Mapped[datetime] = mapped_column(UtcDateTime)
    checkin_closes_at: Mapped[datetime] = mapped_column(UtcDateTime)
    estimated_at: Mapped[datetime] = mapped_column(UtcDateTime)  # estimasi dilayani
    position: Mapped[int] = mapped_column(Integer)  # 1-based place in the session when booked
    name: Mapped[str] = mapped_column(String(100))
    phone: Mapped[str] = mapped_column(String(16))  # 62xxxxxxxxxx
    email: Mapped[str | None] = mapped_column(String(254))
    nik_hash: Mapped[str | None] = mapped_column(String(64))  # HMAC-SHA256, never the NIK
    nik_last4: Mapped[str | None] = mapped_column(String(4))
    status: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    cancelled_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    checked_in_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    no_show_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    ticket_id: Mapped[int | None] = mapped_column(ForeignKey("tickets.id"))

    ticket: Mapped[Ticket | None] = relationship()


class BookingDay(Base):
    """One row per service and day; bumping it takes the lock every booking of that day
    waits for, so counting the places left and taking one is a single step."""

    __tablename__ = "booking_days"

    service_code: Mapped[str] = mapped_column(String(32), primary_key=True)
    local_day: Mapped[date] = mapped_column(Date, primary_key=True)
    attempts: Mapped[int] = mapped_column(Integer)


class OutboxMessage(Base):
    """A notice to send once: one row per booking, message and channel, sent off the request
    path by whichever server process claims it first."""

    __tablename__ = "outbox_messages"
    __table_args__ = (
        UniqueConstraint("booking_id", "message", "channel", name="uq_outbox_once"),
        Index("ix_outbox_due", "state", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    booking_id: Mapped[int] = mapped_column(ForeignKey("bookings.id"))
    message: Mapped[str] = mapped_column(String(16))  # made, reminder, turn_near, ...
    channel: Mapped[str] = mapped_column(String(16))  # webhook, email
    recipient: Mapped[str] = mapped_column(String(254))
    payload: Mapped[str] = mapped_column(Text)  # JSON: subject, text, data
    state: Mapped[str] = mapped_column(String(12))  # pending, sent, failed
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UtcDateTime)
    claim_token: Mapped[str | None] = mapped_column(String(32))
    claimed_until: Mapped[datetime | None] = mapped_column(UtcDateTime)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    last_error: Mapped[str | None] = mapped_column(Text)
