"""Indonesian announcement of a call: shown text, spoken text and the clip sequence.

Numbers are spoken by us, never handed to a speech engine as "A-001": engines read that as
"A minus satu". Clips are split into small reusable words (satu, belas, puluh, ratus, ribu and
the se- forms) so about 50 recordings cover every number from 0 to 9999.
"""

from __future__ import annotations

from dataclasses import dataclass, field

_UNITS = ("nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan")
_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
COUNTER_WORDS = ("loket", "gerai", "poli", "ruang", "meja")
MAX_NUMBER = 9999


def _word_clips(n: int) -> list[str]:
    """Clip names for 0..9999, e.g. 123 -> seratus, dua, puluh, tiga."""
    if not 0 <= n <= MAX_NUMBER:
        raise ValueError(f"{n} is outside 0..{MAX_NUMBER}")
    if n < 10:
        return [_UNITS[n]]
    if n == 10:
        return ["sepuluh"]
    if n == 11:
        return ["sebelas"]
    if n < 20:
        return [_UNITS[n - 10], "belas"]
    if n < 100:
        tens, rest = divmod(n, 10)
        return [_UNITS[tens], "puluh"] + (_word_clips(rest) if rest else [])
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        head = ["seratus"] if hundreds == 1 else [_UNITS[hundreds], "ratus"]
        return head + (_word_clips(rest) if rest else [])
    thousands, rest = divmod(n, 1000)
    head = ["seribu"] if thousands == 1 else [_UNITS[thousands], "ribu"]
    return head + (_word_clips(rest) if rest else [])


def number_words(n: int) -> str:
    """Indonesian cardinal: 0 nol, 11 sebelas, 123 seratus dua puluh tiga, 1000 seribu."""
    return " ".join(_word_clips(n))


def digit_words(digits: str) -> str:
    """Read digit by digit: "001" -> "nol, nol, satu"."""
    if not digits.isdigit():
        raise ValueError(f"'{digits}' is not a string of digits")
    return ", ".join(_UNITS[int(d)] for d in digits)


@dataclass(frozen=True)
class Announcement:
    display_text: str
    spoken_text: str
    clips: list[str] = field(default_factory=list)


def _split_number(number: str) -> tuple[str, str]:
    prefix, _, digits = number.strip().upper().partition("-")
    if not (prefix.isalpha() and prefix.isascii() and digits.isdigit()):
        raise ValueError(f"'{number}' is not a ticket number like 'A-001'")
    return prefix, digits


def build_announcement(number: str, counter_number: int, counter_word: str = "loket",
                       reading: str = "cardinal") -> Announcement:
    """"Nomor antrean A-001, silakan menuju loket 2", spoken as the domain rules say."""
    prefix, digits = _split_number(number)
    word = counter_word.strip().lower() or "loket"
    if reading == "digits":
        number_spoken = digit_words(digits)
        number_clips = [_UNITS[int(d)] for d in digits]
    else:
        number_spoken = number_words(int(digits))
        number_clips = _word_clips(int(digits))
    letters_spoken = ", ".join(prefix)
    spoken = (f"Nomor antrean, {letters_spoken}, {number_spoken}, silakan menuju {word} "
              f"{number_words(counter_number)}")
    clips = (["nomor-antrean"] + [f"huruf-{c.lower()}" for c in prefix] + number_clips
             + ["silakan-menuju", _counter_clip(word)] + _word_clips(counter_number))
    return Announcement(
        display_text=f"Nomor antrean {prefix}-{digits}, silakan menuju {word} {counter_number}",
        spoken_text=spoken,
        clips=clips,
    )


def _counter_clip(word: str) -> str:
    return word if word in COUNTER_WORDS else "loket"


def clip_vocabulary() -> dict[str, str]:
    """Every clip name and the Indonesian text recorded for it."""
    vocabulary = {unit: unit for unit in _UNITS}
    vocabulary.update({w: w for w in ("sepuluh", "sebelas", "belas", "puluh", "seratus",
                                      "ratus", "seribu", "ribu")})
    vocabulary.update({f"huruf-{c.lower()}": c for c in _LETTERS})
    vocabulary.update({"nomor-antrean": "Nomor antrean", "silakan-menuju": "silakan menuju"})
    vocabulary.update({w: w for w in COUNTER_WORDS})
    return vocabulary
