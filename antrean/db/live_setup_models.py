"""The office's live set-up: services and counters as an admin edits them.

Each row keeps its definition as the table config.toml would hold (JSON of the TOML values),
so it is checked by the config's own rules and exported back to TOML as it is. Beside it, the
state a running day needs: a prefix that changes only from a given day, a temporary closure
and today's extra quota.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from antrean.db.models import Base


class SetupService(Base):
    __tablename__ = "setup_services"

    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    definition: Mapped[str] = mapped_column(Text)  # the [[services]] table as JSON
    # Numbers keep the old prefix until the office-local day prefix_from.
    previous_prefix: Mapped[str | None] = mapped_column(String(8))
    prefix_from: Mapped[date | None] = mapped_column(Date)
    paused_reason: Mapped[str | None] = mapped_column(Text)  # set: closed for now, with why
    extra_quota: Mapped[int] = mapped_column(Integer, default=0)
    extra_quota_day: Mapped[date | None] = mapped_column(Date)


class SetupCounter(Base):
    __tablename__ = "setup_counters"

    number: Mapped[int] = mapped_column(Integer, primary_key=True)
    definition: Mapped[str] = mapped_column(Text)  # the [[counters]] table as JSON
