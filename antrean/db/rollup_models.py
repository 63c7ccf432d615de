"""Report roll-ups: the figures of each office-local day (and month), kept beside the event log.

`report_rollups` holds one row per span (a day, or a month built from its days), service and
group (docs/reports.md): the sums of core.report_tally.Tally. `rollup_heads` says which spans
are rolled up, under which settings (`signature`: zone, targets, histogram format) and how
often they were rebuilt (`generation`, so two builders never both win). `report_changes` gets
a row from a database trigger for every insert, update or delete in `ticket_events`
(db/rollup_triggers.py): a day with rows there changed after its roll-up.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import BigInteger, Date, Index, Integer, LargeBinary, String, text
from sqlalchemy.orm import Mapped, mapped_column

from antrean.db.models import Base

DAY, MONTH = "day", "month"


class ReportRollup(Base):
    __tablename__ = "report_rollups"

    span: Mapped[str] = mapped_column(String(8), primary_key=True)  # DAY or MONTH
    day: Mapped[date] = mapped_column(Date, primary_key=True)  # the day, or the month's 1st
    service: Mapped[str] = mapped_column(String(32), primary_key=True)
    dimension: Mapped[str] = mapped_column(String(16), primary_key=True)
    key: Mapped[str] = mapped_column(String(32), primary_key=True)
    issued: Mapped[int] = mapped_column(Integer)
    served: Mapped[int] = mapped_column(Integer)
    no_show: Mapped[int] = mapped_column(Integer)
    cancelled: Mapped[int] = mapped_column(Integer)
    transferred: Mapped[int] = mapped_column(Integer)
    judged: Mapped[int] = mapped_column(Integer)
    within_target: Mapped[int] = mapped_column(Integer)
    wait_count: Mapped[int] = mapped_column(Integer)
    wait_total: Mapped[int] = mapped_column(BigInteger)
    wait_min: Mapped[int | None] = mapped_column(BigInteger)
    wait_max: Mapped[int | None] = mapped_column(BigInteger)
    wait_histogram: Mapped[bytes | None] = mapped_column(LargeBinary)
    service_count: Mapped[int] = mapped_column(Integer)
    service_total: Mapped[int] = mapped_column(BigInteger)
    service_min: Mapped[int | None] = mapped_column(BigInteger)
    service_max: Mapped[int | None] = mapped_column(BigInteger)
    service_histogram: Mapped[bytes | None] = mapped_column(LargeBinary)
    cancelled_by_citizen: Mapped[int] = mapped_column(Integer, server_default=text("0"))
    priority_confirmed: Mapped[int] = mapped_column(Integer, server_default=text("0"))
    priority_removed: Mapped[int] = mapped_column(Integer, server_default=text("0"))


class RollupHead(Base):
    __tablename__ = "rollup_heads"

    span: Mapped[str] = mapped_column(String(8), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    signature: Mapped[str] = mapped_column(String(64))
    generation: Mapped[int] = mapped_column(Integer)


class ReportChange(Base):
    """Written by the trigger on ticket_events only; removed when its day is rolled up."""

    __tablename__ = "report_changes"
    __table_args__ = (Index("ix_report_changes_day", "day"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    day: Mapped[date] = mapped_column(Date)
