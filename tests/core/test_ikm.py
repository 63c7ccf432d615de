"""IKM formula and grade table of PermenPANRB 14/2017."""

from decimal import Decimal

import pytest

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
