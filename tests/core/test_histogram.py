"""Duration histograms and report tallies: estimates within 10 s, merges that add up exactly."""

from __future__ import annotations

import random
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from antrean.core.histogram import SPAN, WIDTH, Histogram
from antrean.core.report_tally import ANY_SERVICE, Tally, TicketFact, tally_tickets
from antrean.core.statistics import percentile

FRACTIONS = (0.5, 0.9)
# Mostly ordinary waits, some long ones, a few outliers a histogram keeps exactly.
durations = st.lists(st.one_of(st.integers(0, 4 * 3600), st.integers(0, 40),
                               st.integers(-120, SPAN + 5 * 86400)), min_size=1, max_size=300)


def histogram_of(values: list[int]) -> Histogram:
    histogram = Histogram()
    for value in values:
        histogram.add(value)
    return histogram


@settings(max_examples=300, deadline=None)
@given(durations)
def test_percentiles_are_within_10_seconds_of_the_exact_ones(values: list[int]) -> None:
    ordered = sorted(values)
    estimates = histogram_of(values).percentiles(FRACTIONS, ordered[0], ordered[-1])
    for fraction, estimate in zip(FRACTIONS, estimates, strict=True):
        assert abs(estimate - percentile(ordered, fraction)) <= (WIDTH - 1) / 2


@settings(max_examples=200, deadline=None)
@given(durations, durations, st.booleans())
def test_merging_stored_histograms_equals_counting_everything_at_once(
        first: list[int], second: list[int], compress: bool) -> None:
    merged = Histogram.from_bytes(histogram_of(first).to_bytes(compress))
    merged.merge(Histogram.from_bytes(histogram_of(second).to_bytes(compress)))
    whole = histogram_of(first + second)
    assert merged.counts() == whole.counts()
    low, high = min(first + second), max(first + second)
    assert merged.percentiles(FRACTIONS, low, high) == whole.percentiles(FRACTIONS, low, high)


def test_a_single_value_and_equal_values_come_back_exactly() -> None:
    assert histogram_of([613]).percentiles(FRACTIONS, 613, 613) == [613.0, 613.0]
    assert histogram_of([0, 0, 0]).percentiles(FRACTIONS, 0, 0) == [0.0, 0.0]
    assert histogram_of([-3, SPAN + 7]).percentiles((0.0, 1.0), -3, SPAN + 7) == [
        -3.0, float(SPAN + 7)]


def test_a_percentile_of_nothing_is_an_error() -> None:
    with pytest.raises(ValueError):
        Histogram().percentiles(FRACTIONS, 0, 0)
    with pytest.raises(ValueError):
        Histogram.from_bytes(b"\x09\x00\x00\x00\x00")


def fact(rng: random.Random) -> TicketFact:
    called = rng.random() < 0.8
    wait = rng.randint(0, 7200) if called else None
    return TicketFact(
        day=date(2026, 3, rng.randint(1, 3)), hour=rng.randint(7, 23),
        service=rng.choice(["KTP", "KK"]), priority=rng.choice([None, None, "lansia"]),
        counter=rng.choice([None, 1, 2]), user_id=rng.choice([None, 5, 6]),
        wait=wait, service_time=rng.randint(30, 1800) if called and rng.random() < 0.7 else None,
        within=None if wait is None else wait <= 1800, served=called, no_show=not called,
        cancelled=False, transferred=rng.random() < 0.1)


def test_tallies_of_days_add_up_to_the_tally_of_the_whole_period() -> None:
    rng = random.Random(3)
    facts = [fact(rng) for _ in range(500)]
    whole = Tally()
    for one in facts:
        whole.add(one)
    per_service, every_service = Tally(), Tally()
    for groups in tally_tickets(facts).values():
        for (service, dimension, _), tally in groups.items():
            if dimension == "all":
                (every_service if service == ANY_SERVICE else per_service).merge(tally)
    assert per_service.figures() == every_service.figures() == whole.figures()
    assert whole.figures()["issued"] == 500
    waits = sorted(f.wait for f in facts if f.wait is not None)
    median = whole.figures()["waiting_seconds"]["median"]
    assert abs(median - percentile(waits, 0.5)) <= 10


def test_a_day_taken_out_of_its_month_leaves_the_other_days() -> None:
    rng = random.Random(8)
    facts = [fact(rng) for _ in range(300)]
    days = tally_tickets(facts)
    month = Tally()
    for groups in days.values():
        month.merge(groups[(ANY_SERVICE, "all", "")] if (ANY_SERVICE, "all", "") in groups
                    else Tally())
    one_day = min(days)
    month.subtract(days[one_day][(ANY_SERVICE, "all", "")])
    rest = [f for f in facts if f.day != one_day]
    expected = Tally()
    for one in rest:
        expected.add(one)
    waits = [f.wait for f in rest if f.wait is not None]
    times = [f.service_time for f in rest if f.service_time is not None]
    month.set_extremes((min(waits), max(waits), min(times), max(times)))
    assert month.figures() == expected.figures()
