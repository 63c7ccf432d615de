"""The community satisfaction index (IKM) of PermenPANRB 14/2017: elements, labels, grades.

Answers are kept by element code (U1..U9), never by position: forms and reports disagree on
the order of the last two elements. The regulation writes the weight as 1/9, often rounded to
0,11 or 0,111, which caps a perfect score below 100; here the weight is an exact 1/9 and only
the final index is rounded, half up, to two decimals.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

TWO_PLACES = Decimal("0.01")
ANSWER_VALUES = (1, 2, 3, 4)


@dataclass(frozen=True)
class Element:
    """One unsur of the survey and the labels of its answers 1..4."""

    code: str
    name: str
    question: str
    labels: tuple[str, str, str, str]


def _scale(word: str) -> tuple[str, str, str, str]:
    """The usual four answers: "Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"."""
    return f"Tidak {word}", f"Kurang {word}", word.capitalize(), f"Sangat {word}"


ELEMENTS: tuple[Element, ...] = (
    Element("U1", "Persyaratan",
            "Bagaimana pendapat Anda tentang kesesuaian persyaratan pelayanan dengan jenis "
            "pelayanannya?",
            _scale("sesuai")),
    Element("U2", "Sistem, mekanisme dan prosedur",
            "Bagaimana pemahaman Anda tentang kemudahan prosedur pelayanan di unit ini?",
            _scale("mudah")),
    Element("U3", "Waktu penyelesaian",
            "Bagaimana pendapat Anda tentang kecepatan waktu dalam memberikan pelayanan?",
            _scale("cepat")),
    Element("U4", "Biaya/tarif",
            "Bagaimana pendapat Anda tentang kewajaran biaya/tarif dalam pelayanan?",
            ("Sangat mahal", "Cukup mahal", "Murah", "Gratis")),
    Element("U5", "Produk spesifikasi jenis pelayanan",
            "Bagaimana pendapat Anda tentang kesesuaian produk pelayanan antara yang "
            "tercantum dalam standar pelayanan dengan hasil yang diberikan?",
            _scale("sesuai")),
    Element("U6", "Kompetensi pelaksana",
            "Bagaimana pendapat Anda tentang kompetensi/kemampuan petugas dalam pelayanan?",
            _scale("kompeten")),
    Element("U7", "Perilaku pelaksana",
            "Bagaimana pendapat Anda tentang perilaku petugas dalam pelayanan terkait "
            "kesopanan dan keramahan?",
            _scale("sopan dan ramah")),
    Element("U8", "Penanganan pengaduan, saran dan masukan",
            "Bagaimana pendapat Anda tentang penanganan pengaduan pengguna layanan?",
            ("Tidak ada", "Ada tetapi tidak berfungsi", "Berfungsi kurang maksimal",
             "Dikelola dengan baik")),
    Element("U9", "Sarana dan prasarana",
            "Bagaimana pendapat Anda tentang kualitas sarana dan prasarana?",
            ("Buruk", "Cukup", "Baik", "Sangat baik")),
)

ELEMENT_CODES: tuple[str, ...] = tuple(e.code for e in ELEMENTS)
ELEMENTS_BY_CODE: dict[str, Element] = {e.code: e for e in ELEMENTS}


@dataclass(frozen=True)
class Grade:
    letter: str
    label: str
    lowest: Decimal  # the lowest IKM (two decimals) with this grade


# The official table, highest first; an index is graded after rounding to two decimals.
GRADES: tuple[Grade, ...] = (
    Grade("A", "Sangat baik", Decimal("88.31")),
    Grade("B", "Baik", Decimal("76.61")),
    Grade("C", "Kurang baik", Decimal("65.00")),
    Grade("D", "Tidak baik", Decimal("25.00")),
)


def round_two(value: Decimal) -> Decimal:
    return value.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def round_exact(value: Fraction, places: int = 2) -> Decimal:
    """An exact value rounded once, half up (away from zero), to `places` decimals.

    A Decimal division would round every mean to 28 digits first; a tie such as 65,625 can
    then come out as 65,62499.. and round down.
    """
    scale = 10 ** places
    units = math.floor(abs(value) * scale + Fraction(1, 2))
    return Decimal(units if value >= 0 else -units).scaleb(-places)


def grade_for(ikm: Decimal) -> Grade:
    """The grade of an index; values between the table's rows (76,605) round first."""
    rounded = round_two(ikm)
    if not Decimal(25) <= rounded <= Decimal(100):
        raise ValueError(f"IKM {ikm} is outside 25..100")
    return next(g for g in GRADES if rounded >= g.lowest)


def ikm_from_nrr(nrr: Sequence[Decimal | Fraction]) -> Decimal:
    """25 x the mean of the nine NRR (an exact 1/9 weight), rounded once, half up, to two
    decimals; pass exact means (Fraction) to get the exact index."""
    if len(nrr) != len(ELEMENTS):
        raise ValueError(f"need {len(ELEMENTS)} element means, got {len(nrr)}")
    return round_exact(sum((Fraction(value) for value in nrr), Fraction(0)) * 25 / len(nrr))


def check_answers(answers: Mapping[str, int]) -> None:
    """Every element answered once with 1..4; raises ValueError naming the first problem."""
    unknown = sorted(set(answers) - set(ELEMENT_CODES))
    if unknown:
        raise ValueError(f"unknown element {unknown[0]}")
    for code in ELEMENT_CODES:
        value = answers.get(code)
        if value not in ANSWER_VALUES or isinstance(value, bool):
            raise ValueError(f"{code} needs an answer from 1 to 4")


@dataclass(frozen=True)
class ElementScore:
    code: str
    name: str
    responses: int
    nrr: Decimal  # mean answer, four decimals for display; the index uses the exact mean
    distribution: tuple[int, int, int, int]  # how many answered 1, 2, 3, 4


@dataclass(frozen=True)
class IkmResult:
    responses: int
    elements: tuple[ElementScore, ...]
    ikm: Decimal | None
    grade: Grade | None

    def weakest(self, count: int = 3) -> tuple[ElementScore, ...]:
        """The lowest-scoring elements, to say where to improve first (ties by code)."""
        return tuple(sorted(self.elements, key=lambda e: (e.nrr, e.code))[:count])


def compute_ikm(distributions: Mapping[str, Sequence[int]]) -> IkmResult:
    """From how many respondents gave 1, 2, 3, 4 per element code to NRR, IKM and grade."""
    scores = []
    exact_means = []
    for element in ELEMENTS:
        counts = tuple(distributions.get(element.code, (0, 0, 0, 0)))
        if len(counts) != 4 or any(c < 0 for c in counts):
            raise ValueError(f"{element.code}: four non-negative counts expected")
        total = sum(counts)
        points = sum(value * count for value, count in zip(ANSWER_VALUES, counts, strict=True))
        mean = Fraction(points, total) if total else Fraction(0)
        exact_means.append(mean)
        scores.append(ElementScore(element.code, element.name, total, round_exact(mean, 4),
                                   (counts[0], counts[1], counts[2], counts[3])))
    responses = max((s.responses for s in scores), default=0)
    if responses == 0 or any(s.responses == 0 for s in scores):
        return IkmResult(responses, tuple(scores), None, None)
    ikm = ikm_from_nrr(exact_means)
    return IkmResult(responses, tuple(scores), ikm, grade_for(ikm))


def format_decimal(value: Decimal, places: int = 2) -> str:
    """Indonesian notation: "81,94"."""
    quantum = Decimal(1).scaleb(-places)
    return f"{value.quantize(quantum, rounding=ROUND_HALF_UP):f}".replace(".", ",")
