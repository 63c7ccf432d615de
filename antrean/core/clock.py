"""The office clock: "today", opening hours and display times in the office's own zone."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

# Indonesian zone names by IANA zone; others fall back to the zone's own abbreviation.
_ZONE_NAMES = {
    "Asia/Jakarta": "WIB",
    "Asia/Pontianak": "WIB",
    "Asia/Makassar": "WITA",
    "Asia/Ujung_Pandang": "WITA",
    "Asia/Jayapura": "WIT",
}

DAY_NAMES = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
MONTH_NAMES = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class OfficeClock:
    """Converts between stored UTC instants and the office's local calendar."""

    timezone: str

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def zone_name(self) -> str:
        """WIB, WITA or WIT for Indonesian zones."""
        if self.timezone in _ZONE_NAMES:
            return _ZONE_NAMES[self.timezone]
        return datetime.now(self.zone).tzname() or self.timezone

    def local(self, instant: datetime) -> datetime:
        return _as_utc(instant).astimezone(self.zone)

    def local_day(self, instant: datetime) -> date:
        """The office's calendar day at `instant`: numbering and statistics reset here."""
        return self.local(instant).date()

    def day_bounds_utc(self, day: date) -> tuple[datetime, datetime]:
        """[start, end) of an office-local day, in UTC."""
        start = datetime.combine(day, time.min, tzinfo=self.zone)
        end = datetime.combine(day + timedelta(days=1), time.min, tzinfo=self.zone)
        return start.astimezone(UTC), end.astimezone(UTC)

    def format_time(self, instant: datetime) -> str:
        """"14.30 WITA": 24-hour clock with a period, as Indonesians write it."""
        return f"{self.local(instant):%H.%M} {self.zone_name}"

    def format_date(self, instant: datetime) -> str:
        """"Senin, 17 Agustus 2024"."""
        return format_long_date(self.local_day(instant))

    def format_moment(self, instant: datetime) -> str:
        """"Senin, 17 Agustus 2024, 14.30 WITA"."""
        return f"{self.format_date(instant)}, {self.format_time(instant)}"


def format_long_date(day: date) -> str:
    return f"{DAY_NAMES[day.weekday()]}, {day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def _as_utc(instant: datetime) -> datetime:
    # Databases without time zones hand back naive datetimes; this project stores UTC only.
    if instant.tzinfo is None:
        return instant.replace(tzinfo=UTC)
    return instant.astimezone(UTC)


def utc_offset_segments(timezone: str, start: datetime, end: datetime) -> list[tuple[int, int]]:
    """(from epoch second, UTC offset in seconds) for every offset the zone uses in [start, end].

    Indonesian zones give one segment; a zone with daylight saving gives one per change, so a
    database without zone support can still turn UTC into local time exactly.
    """
    zone = ZoneInfo(timezone)
    start, end = _as_utc(start), _as_utc(end)

    def offset_at(instant: datetime) -> int:
        delta = instant.astimezone(zone).utcoffset()
        return int(delta.total_seconds()) if delta is not None else 0

    segments = [(int(start.timestamp()), offset_at(start))]
    cursor = start
    while cursor < end:
        step = min(cursor + timedelta(days=1), end)
        if offset_at(step) != offset_at(cursor):
            low, high = cursor, step  # bisect to the second the offset changes
            while (high - low) > timedelta(seconds=1):
                middle = low + (high - low) / 2
                low, high = (middle, high) if offset_at(middle) == offset_at(low) else (low, middle)
            segments.append((int(high.timestamp()), offset_at(high)))
        cursor = step
    return segments
