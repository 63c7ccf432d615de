"""The minimum SKM sample of PermenPANRB 14/2017 (the Krejcie and Morgan table) and the
survey periods an office publishes."""

from __future__ import annotations

from datetime import date

import pytest

from antrean.core.errors import DomainError
from antrean.core.skm_sample import KREJCIE_MORGAN, minimum_sample, sample_reached
from antrean.core.survey_period import PeriodKind, SurveyPeriod, ended_periods, parse_period


@pytest.mark.parametrize(("population", "sample"), [
    (100, 80), (500, 217), (1000, 278), (5000, 357), (10000, 370), (1000000, 384),
    (2000, 322),  # as printed; the formula gives 323
])
def test_the_rows_domain_md_quotes(population: int, sample: int) -> None:
    assert minimum_sample(population) == sample


def test_between_rows_the_next_larger_population_applies() -> None:
    assert minimum_sample(99) == 80
    assert minimum_sample(101) == 86  # the row of 110
    assert minimum_sample(1001) == 285  # the row of 1.100
    assert minimum_sample(2_000_000) == 384  # beyond the table it stays at 384


def test_the_sample_rule_at_its_boundary() -> None:
    assert sample_reached(100, 80) and not sample_reached(100, 79)
    assert not sample_reached(101, 80) and sample_reached(101, 86)
    assert sample_reached(15, 14) and not sample_reached(16, 15) and sample_reached(16, 16)


def test_a_small_population_is_surveyed_whole() -> None:
    assert [minimum_sample(n) for n in (0, 1, 5, 10, 12)] == [0, 1, 5, 10, 12]


def test_the_printed_table_stays_within_one_of_the_formula_and_never_falls() -> None:
    """A typo in the encoded table would break one of these."""
    samples = [s for _, s in KREJCIE_MORGAN]
    assert samples == sorted(samples)
    for population, sample in KREJCIE_MORGAN:
        formula = 3.841 * population * 0.25 / (0.0025 * (population - 1) + 3.841 * 0.25)
        assert abs(round(formula) - sample) <= 1, population


def test_periods_have_keys_labels_and_days() -> None:
    third = parse_period("2026-T3")
    assert (third.label, third.first_day, third.last_day) == (
        "Triwulan III 2026", date(2026, 7, 1), date(2026, 9, 30))
    second_half = parse_period("2026-s2")
    assert (second_half.key, second_half.label, second_half.last_day) == (
        "2026-S2", "Semester II 2026", date(2026, 12, 31))
    year = parse_period("2025")
    assert (year.kind, year.label, year.first_day) == (PeriodKind.YEAR, "Tahun 2025",
                                                      date(2025, 1, 1))
    for bad in ("2026-T5", "2026-S3", "26", "2026-X1", "", "2026-T"):
        with pytest.raises(DomainError):
            parse_period(bad)


def test_only_ended_periods_can_be_published() -> None:
    periods = ended_periods(date(2026, 10, 1))
    assert periods[0] == SurveyPeriod(2026, PeriodKind.QUARTER, 3)
    assert SurveyPeriod(2026, PeriodKind.QUARTER, 4) not in periods
    assert SurveyPeriod(2026, PeriodKind.SEMESTER, 1) in periods
    assert SurveyPeriod(2025, PeriodKind.YEAR) in periods
    assert SurveyPeriod(2026, PeriodKind.YEAR) not in periods
