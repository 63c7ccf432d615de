"""Every change of a loket's state, kept so reports can tell how long each loket was open."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer
from sqlalchemy.orm import Mapped, mapped_column

from antrean.core.counter_status import CounterStatus
from antrean.db.models import Base
from antrean.db.types import StrEnumColumn, UtcDateTime


class CounterStateChange(Base):
    __tablename__ = "counter_state_changes"
    __table_args__ = (Index("ix_counter_state_changes_counter_at", "counter_number", "at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    counter_number: Mapped[int] = mapped_column(Integer)
    state: Mapped[CounterStatus] = mapped_column(StrEnumColumn(CounterStatus))
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
