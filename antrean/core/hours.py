"""Issuing hours: when a service hands out numbers, per weekday, in office-local time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time

from antrean.core.clock import DAY_NAMES

WEEKDAY_KEYS = tuple(name.lower() for name in DAY_NAMES)  # senin .. minggu


@dataclass(frozen=True)
class TimeRange:
    start: time
    end: time  # exclusive; time.max stands for 24.00

    def contains(self, moment: time) -> bool:
        return self.start <= moment < self.end or (self.end == time.max and moment >= self.start)

    def label(self) -> str:
        end = "24.00" if self.end == time.max else f"{self.end:%H.%M}"
        return f"{self.start:%H.%M}-{end}"


@dataclass(frozen=True)
class IssuingHours:
    """One range per weekday (Monday first); None means no numbers that day."""

    by_weekday: tuple[TimeRange | None, ...]

    @classmethod
    def always(cls) -> IssuingHours:
        return cls((TimeRange(time.min, time.max),) * 7)

    def range_on(self, local_moment: datetime) -> TimeRange | None:
        return self.by_weekday[local_moment.weekday()]

    def is_open(self, local_moment: datetime) -> bool:
        today = self.range_on(local_moment)
        return today is not None and today.contains(local_moment.time())


def parse_time_range(text: str) -> TimeRange:
    """Parse "08:00-14:00" or "08.00-14.00"; "24:00" is the end of the day."""
    try:
        start_text, end_text = (part.strip() for part in text.split("-"))
        start = _parse_clock(start_text)
        end = _parse_clock(end_text)
    except ValueError as exc:
        raise ValueError(f"'{text}' bukan rentang jam seperti '08:00-14:00'") from exc
    if end != time.max and end <= start:
        raise ValueError(f"'{text}': jam selesai harus setelah jam mulai")
    return TimeRange(start, end)


def _parse_clock(text: str) -> time:
    hours, minutes = text.replace(".", ":").split(":")
    if int(hours) == 24 and int(minutes) == 0:
        return time.max
    return time(int(hours), int(minutes))


@dataclass(frozen=True)
class ClosedState:
    """Why numbers cannot be taken now, in words short enough for a kiosk button."""

    code: str  # closed_today, before_hours, after_hours
    label: str


def closed_state(hours: IssuingHours, local_moment: datetime) -> ClosedState | None:
    """None while numbers are issued; otherwise when they will be again."""
    today = hours.range_on(local_moment)
    now = local_moment.time()
    if today is not None and today.contains(now):
        return None
    if today is not None and now < today.start:
        return ClosedState("before_hours", f"Pengambilan nomor dibuka pukul {today.start:%H.%M}")
    code = "closed_today" if today is None else "after_hours"
    return ClosedState(code, _next_opening(hours, local_moment, code))


def _next_opening(hours: IssuingHours, local_moment: datetime, code: str) -> str:
    first = "Tidak dibuka hari ini" if code == "closed_today" else "Pengambilan nomor sudah ditutup"
    for days_ahead in range(1, 8):
        weekday = (local_moment.weekday() + days_ahead) % 7
        opening = hours.by_weekday[weekday]
        if opening is not None:
            day = "besok" if days_ahead == 1 else f"hari {DAY_NAMES[weekday]}"
            return f"{first}. Buka kembali {day} pukul {opening.start:%H.%M}"
    return first
