"""The periods an office publishes its SKM for: a quarter (triwulan), a semester or a year.

A period has a short key used in addresses and the database: "2026-T3", "2026-S2", "2026".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from antrean.core.errors import invalid

ROMAN = ("I", "II", "III", "IV")


class PeriodKind(StrEnum):
    QUARTER = "T"  # triwulan
    SEMESTER = "S"
    YEAR = "Y"


MONTHS_IN = {PeriodKind.QUARTER: 3, PeriodKind.SEMESTER: 6, PeriodKind.YEAR: 12}
KIND_LABELS = {PeriodKind.QUARTER: "Triwulan", PeriodKind.SEMESTER: "Semester",
               PeriodKind.YEAR: "Tahun"}


@dataclass(frozen=True, order=True)
class SurveyPeriod:
    year: int
    kind: PeriodKind
    number: int = 1  # 1..4 for a quarter, 1..2 for a semester, 1 for a year

    @property
    def key(self) -> str:
        if self.kind is PeriodKind.YEAR:
            return str(self.year)
        return f"{self.year}-{self.kind.value}{self.number}"

    @property
    def label(self) -> str:
        if self.kind is PeriodKind.YEAR:
            return f"Tahun {self.year}"
        return f"{KIND_LABELS[self.kind]} {ROMAN[self.number - 1]} {self.year}"

    @property
    def first_day(self) -> date:
        return date(self.year, (self.number - 1) * MONTHS_IN[self.kind] + 1, 1)

    @property
    def last_day(self) -> date:
        month = self.number * MONTHS_IN[self.kind]
        following = date(self.year + 1, 1, 1) if month == 12 else date(self.year, month + 1, 1)
        return following - timedelta(days=1)


def parse_period(key: str) -> SurveyPeriod:
    """"2026-T3" -> the third quarter of 2026; a bad key is an Indonesian error."""
    bad = invalid("invalid_period", "Periode tidak dikenal. Contoh: 2026-T3 (triwulan), "
                  "2026-S1 (semester) atau 2026 (tahun).")
    year_text, _, rest = key.strip().upper().partition("-")
    if not (year_text.isdigit() and len(year_text) == 4):
        raise bad
    year = int(year_text)
    if not rest:
        return SurveyPeriod(year, PeriodKind.YEAR)
    kind_text, number_text = rest[:1], rest[1:]
    if kind_text not in ("T", "S") or not number_text.isdigit():
        raise bad
    kind = PeriodKind(kind_text)
    number = int(number_text)
    if not 1 <= number <= 12 // MONTHS_IN[kind]:
        raise bad
    return SurveyPeriod(year, kind, number)


def ended_periods(today: date, years: int = 2) -> list[SurveyPeriod]:
    """Every period of the last `years` years that has ended by `today`, newest first."""
    periods = [SurveyPeriod(year, kind, number)
               for year in range(today.year - years + 1, today.year + 1)
               for kind in PeriodKind
               for number in range(1, 12 // MONTHS_IN[kind] + 1)]
    ended = [p for p in periods if p.last_day < today]
    return sorted(ended, key=lambda p: (p.last_day, -MONTHS_IN[p.kind]), reverse=True)
