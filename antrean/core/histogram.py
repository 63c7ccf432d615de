"""Duration histograms: counts per 20-second bucket, merged by adding two integers.

An exact percentile needs every value, and a year holds some 300,000 per figure. A count per
20 s bucket places any rank within 10 s: the estimate is the middle of the rank's bucket,
narrowed to the exact minimum and maximum, so it is at most 9.5 s from the true value
(docs/reports.md). The counts are packed into one Python integer, 32 bits a bucket ("lane"),
so merging a day's histogram into a year's is a single big-integer addition: the reason a
yearly report reads 1,000 roll-ups in milliseconds without NumPy. A lane holds up to 2^32 - 1
values, far beyond any office's lifetime. Values outside [0, SPAN) (a negative wait from a
skewed clock, a ticket left in service for days) are kept exactly instead.
"""

from __future__ import annotations

import struct
import sys
import zlib
from array import array
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import accumulate

from antrean.core.statistics import interpolate, percentile_position

WIDTH = 20  # seconds per bucket
SPAN = 2 * 86400  # values in [0, SPAN) are counted in lanes
LANE_BYTES = 4
PACKED, PLANES = 1, 2  # first byte of the stored form (see to_bytes)
_HEADER = struct.Struct("<BI")  # format, number of exact values
_EXACT = struct.Struct("<q")
_PLANES = struct.Struct("<IB")  # lanes, planes


class Histogram:
    """Counts of whole-second durations per bucket; mutable, for building and merging."""

    __slots__ = ("_lanes", "_pending", "_exact")

    def __init__(self, lanes: int = 0, exact: Iterable[int] = ()) -> None:
        self._lanes = lanes
        self._pending: dict[int, int] = {}
        self._exact = list(exact) if exact else []

    def add(self, seconds: int) -> None:
        if 0 <= seconds < SPAN:
            bucket = seconds // WIDTH
            self._pending[bucket] = self._pending.get(bucket, 0) + 1
        else:
            self._exact.append(seconds)

    def merge(self, other: Histogram) -> None:
        self._lanes += other.lanes
        if other._exact:
            self._exact.extend(other._exact)

    def subtract(self, other: Histogram) -> None:
        """Take out the values of `other`, which must all have been counted here."""
        lanes = self.lanes - other.lanes
        exact = Counter(self._exact)
        exact.subtract(other._exact)
        # A lane taken below zero borrows from the next one and shows up as a huge count.
        top_bits = int.from_bytes(b"\x00\x00\x00\x80" * (_byte_length(lanes) // LANE_BYTES),
                                  "little")
        if lanes < 0 or lanes & top_bits or min(exact.values(), default=0) < 0:
            raise ValueError("subtracting values that were never counted")
        self._lanes, self._exact = lanes, list(exact.elements())

    @property
    def lanes(self) -> int:
        if self._pending:
            self._lanes += _pack(self._pending)
            self._pending = {}
        return self._lanes

    def counts(self) -> list[int]:
        """Values per bucket, from bucket 0 to the last one used."""
        lanes = self.lanes
        data = lanes.to_bytes(_byte_length(lanes), "little")
        return list(_lane_array(data))

    def percentiles(self, fractions: Sequence[float], low: int, high: int) -> list[float]:
        """Estimated percentile_cont of each fraction; low and high are the exact extremes."""
        ranks = _Ranks(self.counts(), sorted(self._exact), low, high)
        if ranks.size == 0:
            raise ValueError("percentile of no values")
        results = []
        for fraction in fractions:
            lower, weight = percentile_position(ranks.size, fraction)
            upper = ranks.value(lower + 1) if weight else None
            results.append(interpolate(ranks.value(lower), upper, weight))
        return results

    def to_bytes(self, compress: bool = True) -> bytes:
        """The stored form: the exact values, then the lanes, zlib-compressed or in planes.

        zlib makes the smallest rows; planes are read several times faster: plane k holds
        byte k of every lane, and only the planes up to the last non-zero one are kept (a
        day's counts need one byte a bucket, a month's two).
        """
        lanes = self.lanes
        header = _HEADER.pack(PACKED if compress else PLANES, len(self._exact))
        exact = b"".join(_EXACT.pack(value) for value in self._exact)
        data = lanes.to_bytes(_byte_length(lanes), "little")
        if compress:
            return header + exact + zlib.compress(data, 1)
        planes = [data[k::LANE_BYTES] for k in range(LANE_BYTES)]
        while planes and not any(planes[-1]):
            planes.pop()
        return header + exact + _PLANES.pack(len(data) // LANE_BYTES, len(planes)) + b"".join(
            planes)

    @classmethod
    def from_bytes(cls, data: bytes) -> Histogram:
        form, count = _HEADER.unpack_from(data)
        start = _HEADER.size + count * _EXACT.size
        exact = [_EXACT.unpack_from(data, _HEADER.size + i * _EXACT.size)[0]
                 for i in range(count)] if count else ()
        if form == PLANES:
            return cls(_from_planes(data, start), exact)
        if form == PACKED:
            return cls(int.from_bytes(zlib.decompress(data[start:]), "little"), exact)
        raise ValueError(f"unknown histogram format {form}")


class _Ranks:
    """The sorted values as ranks: exact ones below 0, buckets, exact ones from SPAN up."""

    def __init__(self, counts: list[int], exact: list[int], low: int, high: int) -> None:
        self.below = [v for v in exact if v < 0]
        self.above = [v for v in exact if v >= 0]
        self.cumulative = list(accumulate(counts))
        self.inside = self.cumulative[-1] if self.cumulative else 0
        self.size = len(self.below) + self.inside + len(self.above)
        self.low, self.high = low, high

    def value(self, rank: int) -> float:
        if rank < len(self.below):
            return float(self.below[rank])
        rank -= len(self.below)
        if rank >= self.inside:
            return float(self.above[rank - self.inside])
        bucket = bisect_right(self.cumulative, rank)
        first = max(bucket * WIDTH, self.low)
        last = min(bucket * WIDTH + WIDTH - 1, self.high)
        return (first + last) / 2


def _from_planes(data: bytes, start: int) -> int:
    size, planes = _PLANES.unpack_from(data, start)
    start += _PLANES.size
    lanes = bytearray(size * LANE_BYTES)
    for k in range(planes):
        lanes[k::LANE_BYTES] = data[start + k * size:start + (k + 1) * size]
    return int.from_bytes(lanes, "little")


def _pack(buckets: dict[int, int]) -> int:
    lanes = array("I", bytes(LANE_BYTES * (max(buckets) + 1)))
    for bucket, count in buckets.items():
        lanes[bucket] = count
    if sys.byteorder == "big":
        lanes.byteswap()
    return int.from_bytes(lanes.tobytes(), "little")


def _lane_array(data: bytes) -> array[int]:
    lanes = array("I")
    lanes.frombytes(data)
    if sys.byteorder == "big":
        lanes.byteswap()
    return lanes


def _byte_length(lanes: int) -> int:
    return (lanes.bit_length() + 8 * LANE_BYTES - 1) // (8 * LANE_BYTES) * LANE_BYTES


assert array("I").itemsize == LANE_BYTES, "a lane is a 32-bit unsigned int"
