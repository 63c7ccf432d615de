"""Report figures of a group of tickets, as sums that add up across days and months.

A ticket's facts (docs/reports.md, "Per ticket") are tallied once per group it belongs to:
its service overall, its local hour of issue, its priority, its loket and its petugas. Counts,
sums, minimum and maximum add up exactly; percentiles come from the duration histograms
(core.histogram), within 10 s.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import TypedDict

from antrean.core.histogram import Histogram
from antrean.core.statistics import mean

# What a ticket is grouped by, besides its service: the breakdowns of the report.
ALL, HOUR, PRIORITY, COUNTER, PETUGAS = "all", "hour", "priority", "counter", "petugas"
ARRIVAL = "arrival"  # keyed BOOKING (checked in from an online booking) or WALK_IN
BOOKING, WALK_IN = "booking", "walk_in"
DIMENSIONS = (ALL, HOUR, PRIORITY, COUNTER, PETUGAS, ARRIVAL)
# Every group is tallied per service and once more for all services together, so a report
# without a service filter adds up a quarter of the rows.
ANY_SERVICE = "*"


@dataclass(frozen=True, slots=True)
class TicketFact:
    """One ticket as the report sees it (docs/reports.md)."""

    day: date
    hour: int
    service: str
    priority: str | None
    counter: int | None
    user_id: int | None
    wait: int | None
    service_time: int | None
    within: bool | None  # None: not called, or its service has no target
    served: bool
    no_show: bool
    cancelled: bool
    transferred: bool
    cancelled_by_citizen: bool = False  # "Batalkan nomor" on the tracking page
    priority_confirmed: bool = False  # the petugas who called it confirmed its priority
    priority_removed: bool = False  # ... or removed it: it then queued as a regular ticket
    booked: bool = False  # the number came from an online booking's check-in

    def groups(self) -> list[tuple[str, str]]:
        """(dimension, key) of every group the ticket counts in, within its service."""
        keys = [(ALL, ""), (HOUR, str(self.hour)), (PRIORITY, self.priority or ""),
                (ARRIVAL, BOOKING if self.booked else WALK_IN)]
        if self.counter is not None:
            keys.append((COUNTER, str(self.counter)))
        if self.user_id is not None:
            keys.append((PETUGAS, str(self.user_id)))
        return keys


class DurationSummary(TypedDict):
    """Durations of a group in seconds; None while nothing was counted."""

    count: int
    mean: float | None
    median: float | None
    p90: float | None
    max: float | None
    total: int


class Figures(TypedDict):
    """Every figure of one group: a row of a report table (docs/reports.md)."""

    issued: int
    served: int
    no_show: int
    cancelled: int
    transferred: int
    cancelled_by_citizen: int
    priority_confirmed: int
    priority_removed: int
    waiting_seconds: DurationSummary
    service_seconds: DurationSummary
    within_target_share: float | None  # 0..1 of the called tickets whose service has a target


@dataclass(slots=True)
class Durations:
    """Whole-second durations: count, sum and extremes exactly, percentiles estimated."""

    count: int = 0
    total: int = 0
    low: int | None = None
    high: int | None = None
    histogram: Histogram = field(default_factory=Histogram)

    def add(self, seconds: int) -> None:
        self.count += 1
        self.total += seconds
        self.low = seconds if self.low is None else min(self.low, seconds)
        self.high = seconds if self.high is None else max(self.high, seconds)
        self.histogram.add(seconds)

    def merge(self, other: Durations) -> None:
        if other.low is None or other.high is None:
            return  # nothing counted
        self.count += other.count
        self.total += other.total
        self.low = other.low if self.low is None else min(self.low, other.low)
        self.high = other.high if self.high is None else max(self.high, other.high)
        self.histogram.merge(other.histogram)

    def subtract(self, other: Durations) -> None:
        """Take out `other`'s durations. The extremes of what is left are unknown until set."""
        self.count -= other.count
        self.total -= other.total
        self.histogram.subtract(other.histogram)
        self.low = self.high = None

    def summary(self) -> DurationSummary:
        if not self.count or self.low is None or self.high is None:
            return {"count": 0, "mean": None, "median": None, "p90": None, "max": None,
                    "total": 0}
        median, p90 = self.histogram.percentiles((0.5, 0.9), self.low, self.high)
        return {"count": self.count, "mean": mean(self.total, self.count),
                "median": round(median, 2), "p90": round(p90, 2), "max": float(self.high),
                "total": self.total}


@dataclass(slots=True)
class Tally:
    """The sums behind every figure of one group (a row of a report table)."""

    issued: int = 0
    served: int = 0
    no_show: int = 0
    cancelled: int = 0
    transferred: int = 0
    judged: int = 0  # called tickets whose service has a target
    within: int = 0  # of those, called within the target
    cancelled_by_citizen: int = 0
    priority_confirmed: int = 0
    priority_removed: int = 0
    waits: Durations = field(default_factory=Durations)
    services: Durations = field(default_factory=Durations)

    def add(self, fact: TicketFact) -> None:
        self.issued += 1
        self.served += fact.served
        self.no_show += fact.no_show
        self.cancelled += fact.cancelled
        self.transferred += fact.transferred
        self.cancelled_by_citizen += fact.cancelled_by_citizen
        self.priority_confirmed += fact.priority_confirmed
        self.priority_removed += fact.priority_removed
        if fact.within is not None:
            self.judged += 1
            self.within += fact.within
        if fact.wait is not None:
            self.waits.add(fact.wait)
        if fact.service_time is not None:
            self.services.add(fact.service_time)

    def subtract(self, other: Tally) -> None:
        """Take out a part of this group (a day out of its month). A difference cannot tell
        the minimum and maximum of what is left: set them with set_extremes before use."""
        for name in COUNTS:
            setattr(self, name, getattr(self, name) - getattr(other, name))
        self.waits.subtract(other.waits)
        self.services.subtract(other.services)

    def set_extremes(self, extremes: Extremes) -> None:
        self.waits.low, self.waits.high, self.services.low, self.services.high = extremes

    def merge(self, other: Tally) -> None:
        self.issued += other.issued
        self.served += other.served
        self.no_show += other.no_show
        self.cancelled += other.cancelled
        self.transferred += other.transferred
        self.judged += other.judged
        self.within += other.within
        self.cancelled_by_citizen += other.cancelled_by_citizen
        self.priority_confirmed += other.priority_confirmed
        self.priority_removed += other.priority_removed
        self.waits.merge(other.waits)
        self.services.merge(other.services)

    def figures(self) -> Figures:
        share = round(self.within / self.judged, 4) if self.judged else None
        return {
            "issued": self.issued, "served": self.served, "no_show": self.no_show,
            "cancelled": self.cancelled, "transferred": self.transferred,
            "cancelled_by_citizen": self.cancelled_by_citizen,
            "priority_confirmed": self.priority_confirmed,
            "priority_removed": self.priority_removed,
            "waiting_seconds": self.waits.summary(),
            "service_seconds": self.services.summary(),
            "within_target_share": share,
        }


GroupKey = tuple[str, str, str]  # service (or ANY_SERVICE), dimension, key
COUNTS = ("issued", "served", "no_show", "cancelled", "transferred", "judged", "within",
          "cancelled_by_citizen", "priority_confirmed", "priority_removed")
# Minimum and maximum wait, minimum and maximum service time.
Extremes = tuple[int | None, int | None, int | None, int | None]


def tally_tickets(facts: Iterable[TicketFact]) -> dict[date, dict[GroupKey, Tally]]:
    """Per office-local day, a tally for every (service, dimension, key) group, and for every
    (ANY_SERVICE, dimension, key) group."""
    days: dict[date, dict[GroupKey, Tally]] = {}
    for fact in facts:
        groups = days.setdefault(fact.day, {})
        for dimension, key in fact.groups():
            group = (fact.service, dimension, key)
            tally = groups.get(group)
            if tally is None:
                tally = groups[group] = Tally()
            tally.add(fact)
    for groups in days.values():
        every: dict[GroupKey, Tally] = {}
        for (_, dimension, key), tally in groups.items():  # a few dozen merges, not a
            every.setdefault((ANY_SERVICE, dimension, key), Tally()).merge(tally)  # fact each
        groups.update(every)
    return days
