import pytest

from antrean.core.statistics import percentile, share_within, summarize


def test_percentile_interpolates_like_percentile_cont() -> None:
    values = [10.0, 20.0, 30.0, 40.0, 50.0, 60.0, 70.0, 80.0, 90.0, 100.0]
    assert percentile(values, 0.5) == 55.0
    assert percentile(values, 0.9) == pytest.approx(91.0)
    assert percentile([7.0], 0.9) == 7.0


def test_summary_of_durations() -> None:
    summary = summarize([60.0, 120.0, 180.0, 600.0])
    assert summary.count == 4
    assert summary.mean == 240.0
    assert summary.median == 150.0
    assert summary.p90 == 474.0
    assert summary.max == 600.0
    assert summarize([]).mean is None


def test_share_within_target_counts_the_limit_itself_as_within() -> None:
    assert share_within([60.0, 1800.0, 1801.0, 100.0], 1800) == 0.75
    assert share_within([60.0], None) is None
