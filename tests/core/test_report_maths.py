from datetime import UTC, datetime

from antrean.core.clock import utc_offset_segments
from antrean.core.statistics import interpolate, percentile, percentile_position


def test_percentile_position_and_interpolation_match_percentile() -> None:
    values = [0.0, 600.0, 1200.0, 1500.0]
    lower, weight = percentile_position(len(values), 0.9)
    assert lower == 2
    assert interpolate(values[lower], values[lower + 1], weight) == percentile(values, 0.9)
    assert interpolate(7.0, None, 0.0) == 7.0


def test_indonesian_zones_have_one_offset_over_a_year() -> None:
    start, end = datetime(2025, 1, 1, tzinfo=UTC), datetime(2026, 1, 1, tzinfo=UTC)
    assert utc_offset_segments("Asia/Jayapura", start, end) == [(int(start.timestamp()), 9 * 3600)]
    assert utc_offset_segments("Asia/Jakarta", start, end)[0][1] == 7 * 3600


def test_a_daylight_saving_zone_gives_a_segment_per_change() -> None:
    start, end = datetime(2025, 1, 1, tzinfo=UTC), datetime(2026, 1, 1, tzinfo=UTC)
    segments = utc_offset_segments("Europe/Amsterdam", start, end)
    assert [offset for _, offset in segments] == [3600, 7200, 3600]
    assert segments[1][0] == int(datetime(2025, 3, 30, 1, 0, tzinfo=UTC).timestamp())
    assert segments[2][0] == int(datetime(2025, 10, 26, 1, 0, tzinfo=UTC).timestamp())
