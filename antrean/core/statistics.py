"""Summary figures for durations: mean, median, p90, max, share within a target."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass


def percentile(sorted_values: Sequence[float], fraction: float) -> float:
    """Linear interpolation between closest ranks (PostgreSQL's percentile_cont)."""
    if not sorted_values:
        raise ValueError("percentile of no values")
    position = (len(sorted_values) - 1) * fraction
    lower = math.floor(position)
    upper = math.ceil(position)
    weight = position - lower
    return sorted_values[lower] + (sorted_values[upper] - sorted_values[lower]) * weight


@dataclass(frozen=True)
class DurationSummary:
    count: int
    mean: float | None
    median: float | None
    p90: float | None
    max: float | None

    def as_dict(self) -> dict[str, float | int | None]:
        return asdict(self)


def summarize(durations: Sequence[float]) -> DurationSummary:
    if not durations:
        return DurationSummary(0, None, None, None, None)
    ordered = sorted(durations)
    return DurationSummary(
        count=len(ordered),
        mean=round(sum(ordered) / len(ordered), 2),
        median=round(percentile(ordered, 0.5), 2),
        p90=round(percentile(ordered, 0.9), 2),
        max=round(ordered[-1], 2),
    )


def share_within(durations: Sequence[float], limit_seconds: float | None) -> float | None:
    """Fraction (0..1, four decimals) of durations at or under the limit; None without one."""
    if limit_seconds is None or not durations:
        return None
    return round(sum(1 for d in durations if d <= limit_seconds) / len(durations), 4)


def percentile_position(count: int, fraction: float) -> tuple[int, float]:
    """Zero-based lower rank and interpolation weight, computed as percentile_cont does."""
    position = fraction * (count - 1)
    lower = math.floor(position)
    return lower, position - lower


def interpolate(lower_value: float, upper_value: float | None, weight: float) -> float:
    """PostgreSQL's float8 lerp: lower + (upper - lower) * weight."""
    if upper_value is None or weight == 0:
        return float(lower_value)
    return float(lower_value) + (float(upper_value) - float(lower_value)) * weight


def mean(total: float, count: int) -> float | None:
    return round(total / count, 2) if count else None
