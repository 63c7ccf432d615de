"""IKM formula and grade table of PermenPANRB 14/2017."""

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from antrean.core.ikm import (
    ELEMENT_CODES,
    check_answers,
    compute_ikm,
    format_decimal,
    grade_for,
    ikm_from_nrr,
)


def test_the_worked_example_of_the_domain_notes_gives_81_94_grade_b() -> None:
    nrr = [Decimal(v) for v in ("3.20", "3.10", "2.90", "4.00", "3.30", "3.40", "3.50",
                                "3.00", "3.10")]
    ikm = ikm_from_nrr(nrr)
    assert ikm == Decimal("81.94")
    assert format_decimal(ikm) == "81,94"
    grade = grade_for(ikm)
    assert (grade.letter, grade.label) == ("B", "Baik")


def test_the_worked_example_from_ten_respondents_per_element() -> None:
    # NRR 3,20 from ten answers is two 2s and four 3s and four 4s, and so on.
    distributions = {
        "U1": (0, 2, 4, 4), "U2": (0, 2, 5, 3), "U3": (0, 3, 5, 2), "U4": (0, 0, 0, 10),
        "U5": (0, 1, 5, 4), "U6": (0, 1, 4, 5), "U7": (0, 0, 5, 5), "U8": (0, 2, 6, 2),
        "U9": (0, 2, 5, 3),
    }
    result = compute_ikm(distributions)
    assert [format_decimal(e.nrr) for e in result.elements] == [
        "3,20", "3,10", "2,90", "4,00", "3,30", "3,40", "3,50", "3,00", "3,10"]
    assert result.responses == 10
    assert result.ikm == Decimal("81.94")
    assert result.grade is not None and result.grade.letter == "B"
    assert [e.code for e in result.weakest(2)] == ["U3", "U8"]


def test_a_perfect_score_is_100_not_99_with_a_rounded_weight() -> None:
    result = compute_ikm({code: (0, 0, 0, 3) for code in ELEMENT_CODES})
    assert result.ikm == Decimal("100.00")
    assert result.grade is not None and result.grade.letter == "A"


def test_the_lowest_score_is_25_grade_d() -> None:
    result = compute_ikm({code: (1, 0, 0, 0) for code in ELEMENT_CODES})
    assert result.ikm == Decimal("25.00")
    assert result.grade is not None and result.grade.letter == "D"


@pytest.mark.parametrize(("ikm", "letter", "label"), [
    ("100.00", "A", "Sangat baik"),
    ("88.31", "A", "Sangat baik"),
    ("88.30", "B", "Baik"),
    ("88.305", "A", "Sangat baik"),  # rounds half up to 88,31 first
    ("76.61", "B", "Baik"),
    ("76.60", "C", "Kurang baik"),
    ("76.604", "C", "Kurang baik"),
    ("65.00", "C", "Kurang baik"),
    ("64.99", "D", "Tidak baik"),
    ("64.995", "C", "Kurang baik"),
    ("25.00", "D", "Tidak baik"),
])
def test_grade_boundaries_follow_the_official_table(ikm: str, letter: str, label: str) -> None:
    grade = grade_for(Decimal(ikm))
    assert (grade.letter, grade.label) == (letter, label)


def test_an_index_outside_25_to_100_is_refused() -> None:
    with pytest.raises(ValueError):
        grade_for(Decimal("24.99"))


def test_no_index_without_an_answer_for_every_element() -> None:
    result = compute_ikm({"U1": (0, 0, 1, 0)})
    assert result.ikm is None and result.grade is None
    assert result.responses == 1


def test_mean_of_unequal_answers_is_exact_before_rounding() -> None:
    # Three respondents: element means 10/3, the index 83,333.. -> 83,33.
    result = compute_ikm({code: (0, 0, 2, 1) for code in ELEMENT_CODES})
    assert result.elements[0].nrr == Decimal("3.3333")
    assert result.ikm == Decimal("83.33")


def test_answers_must_cover_every_element_with_1_to_4() -> None:
    answers = {code: 3 for code in ELEMENT_CODES}
    check_answers(answers)
    with pytest.raises(ValueError, match="U9"):
        check_answers({**answers, "U9": 5})
    with pytest.raises(ValueError, match="U10"):
        check_answers({**answers, "U10": 3})
    missing = dict(answers)
    del missing["U4"]
    with pytest.raises(ValueError, match="U4"):
        check_answers(missing)


# --- exact arithmetic against an independent Fraction reference ----------------------------

def reference_ikm(distributions: dict[str, tuple[int, int, int, int]]) -> Fraction:
    """25 x the mean of the nine exact element means, as the regulation defines it."""
    means = [Fraction(sum(v * c for v, c in zip((1, 2, 3, 4), counts, strict=True)), sum(counts))
             for counts in distributions.values()]
    return 25 * sum(means, Fraction(0)) / 9


def half_up(value: Fraction) -> Decimal:
    hundredths = value * 100
    whole = hundredths.numerator // hundredths.denominator
    if hundredths - whole >= Fraction(1, 2):
        whole += 1
    return Decimal(whole) / 100


def reference_grade(value: Decimal) -> str:
    for letter, lowest in (("A", "88.31"), ("B", "76.61"), ("C", "65.00")):
        if value >= Decimal(lowest):
            return letter
    return "D"


def split_points(points: int, respondents: int, elements: int,
                 draw: st.DrawFn) -> list[tuple[int, int, int, int]]:
    """`respondents` answers per element whose answer values add up to `points` overall."""
    extra = points - respondents * elements  # points above everybody answering 1
    per_element = []
    for left in range(elements, 0, -1):
        most, least = 3 * respondents, extra - 3 * respondents * (left - 1)
        share = draw(st.integers(max(0, least), min(most, extra)))
        per_element.append(share)
        extra -= share
    return [answers_adding_to(respondents, share, draw) for share in per_element]


def answers_adding_to(respondents: int, extra: int, draw: st.DrawFn) -> tuple[int, int, int, int]:
    """Counts of answers 1..4 from `respondents` people whose answers exceed 1 by `extra`."""
    fours = draw(st.integers(max(0, extra - 2 * respondents), min(respondents, extra // 3)))
    rest, left = extra - 3 * fours, respondents - fours
    threes = draw(st.integers(max(0, rest - left), min(left, rest // 2)))
    twos = rest - 2 * threes
    return (left - threes - twos, twos, threes, fours)


@st.composite
def answer_sets(draw: st.DrawFn) -> dict[str, tuple[int, int, int, int]]:
    """Any survey: each element answered by 1..400 people (not always the same number)."""
    counts = st.tuples(*[st.integers(0, 100)] * 4).filter(lambda c: sum(c) > 0)
    return {code: draw(counts) for code in ELEMENT_CODES}


# The half-way value at each grade boundary (rounds up into the better grade), the ones just
# above, the 65,625, and the two ends of the scale.
BOUNDARY_TIES = ("64.995", "76.605", "88.305", "65.005", "76.615", "88.315", "65.625", "99.995",
                 "25.005")


@st.composite
def tied_answer_sets(draw: st.DrawFn, target: Fraction) -> dict[str, tuple[int, int, int, int]]:
    """Answers whose exact IKM is `target`, a value half-way between two hundredths.

    With n respondents on every element, IKM = 25 P / (9 n) for P answer points in all, so the
    target needs P / n = 9 t / 25; n carries a random factor (often a multiple of 3 or 7) so the
    element means are not short decimals, and the points are spread at random.
    """
    ratio = 9 * target / 25
    factor = draw(st.integers(1, 12))
    respondents, points = ratio.denominator * factor, ratio.numerator * factor
    counts = split_points(points, respondents, len(ELEMENT_CODES), draw)
    return dict(zip(ELEMENT_CODES, counts, strict=True))


def assert_rounded_up_once(target: Fraction,
                           distributions: dict[str, tuple[int, int, int, int]]) -> None:
    assert reference_ikm(distributions) == target  # the construction really is a tie
    result = compute_ikm(distributions)
    assert result.ikm is not None and Fraction(result.ikm) == target + Fraction(1, 200)
    assert result.grade is not None and result.grade.letter == reference_grade(result.ikm)


@settings(max_examples=300, deadline=None)
@given(answer_sets())
def test_the_index_equals_exact_fraction_arithmetic_rounded_once(
        distributions: dict[str, tuple[int, int, int, int]]) -> None:
    result = compute_ikm(distributions)
    expected = half_up(reference_ikm(distributions))
    assert result.ikm == expected
    assert result.grade is not None and result.grade.letter == reference_grade(expected)


@pytest.mark.parametrize("tie", BOUNDARY_TIES)
@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_half_way_ties_round_up_on_the_right_side_of_every_grade_boundary(
        tie: str, data: st.DataObject) -> None:
    target = Fraction(Decimal(tie))
    assert_rounded_up_once(target, data.draw(tied_answer_sets(target)))


@settings(max_examples=200, deadline=None)
@given(data=st.data(), hundredths=st.integers(2500, 9999))
def test_any_half_way_tie_rounds_up(data: st.DataObject, hundredths: int) -> None:
    target = Fraction(2 * hundredths + 1, 200)  # 25,005 .. 99,995
    assert_rounded_up_once(target, data.draw(tied_answer_sets(target)))


def test_24_respondents_with_an_exact_65_625_get_65_63() -> None:
    # 567 answer points over 9 elements x 24 people: 25 x 567 / (9 x 24) = 65,625 exactly;
    # each element mean (62/24, 71/24) is a repeating decimal.
    distributions = dict(zip(ELEMENT_CODES, [(0, 10, 14, 0)] * 8 + [(0, 1, 23, 0)],
                             strict=True))
    assert reference_ikm(distributions) == Fraction(525, 8)
    result = compute_ikm(distributions)
    assert result.ikm == Decimal("65.63")
    assert result.grade is not None and result.grade.letter == "C"
