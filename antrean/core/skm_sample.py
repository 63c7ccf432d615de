"""The minimum number of SKM respondents for a period (PermenPANRB 14/2017, appendix).

The regulation prints the Krejcie and Morgan (1970) table: population (people served in the
period) -> minimum sample. It is encoded here as published, not recomputed: the formula
S = 3,841 N 0,25 / (0,0025 (N - 1) + 3,841 x 0,25) disagrees with the printed table by one at
some rows (2.000 -> 322 printed, 323 computed). Between two rows the row of the next larger
population applies; a population under the first row is surveyed whole.
"""

from __future__ import annotations

from bisect import bisect_left

# (population, minimum respondents), as printed.
KREJCIE_MORGAN: tuple[tuple[int, int], ...] = (
    (10, 10), (15, 14), (20, 19), (25, 24), (30, 28), (35, 32), (40, 36), (45, 40),
    (50, 44), (55, 48), (60, 52), (65, 56), (70, 59), (75, 63), (80, 66), (85, 70),
    (90, 73), (95, 76), (100, 80), (110, 86), (120, 92), (130, 97), (140, 103), (150, 108),
    (160, 113), (170, 118), (180, 123), (190, 127), (200, 132), (210, 136), (220, 140),
    (230, 144), (240, 148), (250, 152), (260, 155), (270, 159), (280, 162), (290, 165),
    (300, 169), (320, 175), (340, 181), (360, 186), (380, 191), (400, 196), (420, 201),
    (440, 205), (460, 210), (480, 214), (500, 217), (550, 226), (600, 234), (650, 242),
    (700, 248), (750, 254), (800, 260), (850, 265), (900, 269), (950, 274), (1000, 278),
    (1100, 285), (1200, 291), (1300, 297), (1400, 302), (1500, 306), (1600, 310),
    (1700, 313), (1800, 317), (1900, 320), (2000, 322), (2200, 327), (2400, 331),
    (2600, 335), (2800, 338), (3000, 341), (3500, 346), (4000, 351), (4500, 354),
    (5000, 357), (6000, 361), (7000, 364), (8000, 367), (9000, 368), (10000, 370),
    (15000, 375), (20000, 377), (30000, 379), (40000, 380), (50000, 381), (75000, 382),
    (1000000, 384),
)
_POPULATIONS = tuple(population for population, _ in KREJCIE_MORGAN)
LARGEST_SAMPLE = KREJCIE_MORGAN[-1][1]


def minimum_sample(population: int) -> int:
    """The fewest respondents that represent `population` people served."""
    if population < 0:
        raise ValueError("population cannot be negative")
    index = bisect_left(_POPULATIONS, population)
    if index == len(KREJCIE_MORGAN):
        return LARGEST_SAMPLE  # beyond the last row the table stays at 384
    return min(population, KREJCIE_MORGAN[index][1])


def sample_reached(population: int, respondents: int) -> bool:
    return respondents >= minimum_sample(population)
