"""Indonesian announcement of a call: shown text, spoken text and the clip sequence.

We speak numbers ourselves and never hand "A-001" to a speech engine: engines read it as
"A minus satu" or "A nol nol satu" depending on the voice.

Clip segmentation. A recorded announcement is a row of clips played back to back. Each clip is
one *word group* as a person says it in one breath: a unit ("tiga"), "sepuluh", "sebelas", a
group with its multiplier ("dua belas", "dua puluh", "dua ratus", "dua ribu") or a se- form
("seratus", "seribu"). Joining "dua" + "puluh" from two separate recordings sounds choppy,
because each word carries its own falling end; joining at group boundaries sounds like a person
counting. So 123 is [seratus, dua-puluh, tiga] and 1999 is [seribu, sembilan-ratus,
sembilan-puluh, sembilan]. That costs 46 number clips instead of about 18, and with 26 letters,
the two phrase parts and the counter words the whole set is 79 clips, fixed, covering every
number 0..9999 and every counter 1..999 called by counter word and number. A counter with words
of its own ("loket prioritas", "poli gigi") gets one clip more, made from its configuration.
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_NUMBER = 9999
MAX_COUNTER = 999
NUMBER_READINGS = ("cardinal", "digits")
# Counter words with a recorded clip; any other word is still shown and spoken by a speech
# engine, but the clips fall back to "loket" rather than stay silent.
COUNTER_WORDS = ("loket", "gerai", "poli", "ruang", "meja")
DEFAULT_COUNTER_WORD = "loket"

_UNITS = ("nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan")
_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_PHRASES = {"nomor-antrean": "Nomor antrean", "silakan-menuju": "silakan menuju"}
# Each power of ten: its multiplier word and the se- form used for exactly one of it.
_SCALES = ((1000, "ribu", "seribu"), (100, "ratus", "seratus"), (10, "puluh", "sepuluh"))


@dataclass(frozen=True)
class CounterVoice:
    """How one counter is named: on the screens, in the voice and in the clips.

    Display and voice come from the same counter entry, so the TV never shows "Loket
    Prioritas" while the voice says "loket empat".
    """

    number: int
    display: str  # "Loket 2", "Loket Prioritas", "Poli Gigi"
    spoken: str  # "loket dua", "loket prioritas", "poli gigi"
    clips: tuple[str, ...]  # ("loket", "dua") from the fixed set, or one clip of its own


@dataclass(frozen=True)
class Announcement:
    """One call, ready for the lobby TV: what to show, what to say, which clips to play."""

    display_text: str
    spoken_text: str
    clips: tuple[str, ...]


def _word_groups(n: int) -> list[str]:
    """123 -> ["seratus", "dua puluh", "tiga"]: the number split into spoken word groups."""
    if not 0 <= n <= MAX_NUMBER:
        raise ValueError(f"{n} is outside 0..{MAX_NUMBER}")
    if n < 10:
        return [_UNITS[n]]
    if n < 20:
        return [_teen(n)]
    for scale, word, se_form in _SCALES:
        if n >= scale:
            head, rest = divmod(n, scale)
            group = se_form if head == 1 else f"{_UNITS[head]} {word}"
            return [group] + (_word_groups(rest) if rest else [])
    raise AssertionError("unreachable: every n >= 20 has a scale")


def _teen(n: int) -> str:
    if n == 10:
        return "sepuluh"
    if n == 11:
        return "sebelas"
    return f"{_UNITS[n - 10]} belas"


def _clip_name(text: str) -> str:
    return text.lower().replace(" ", "-")


def number_words(n: int) -> str:
    """Indonesian cardinal: 0 nol, 11 sebelas, 123 seratus dua puluh tiga, 1000 seribu."""
    return " ".join(_word_groups(n))


def number_clips(n: int) -> list[str]:
    """Clip names for a cardinal: 123 -> ["seratus", "dua-puluh", "tiga"]."""
    return [_clip_name(group) for group in _word_groups(n)]


def digit_words(digits: str) -> str:
    """Read digit by digit: "001" -> "nol, nol, satu"."""
    _check_digits(digits)
    return ", ".join(_UNITS[int(d)] for d in digits)


def _check_digits(digits: str) -> None:
    # isdigit() alone accepts "²" and Arabic-Indic digits, which int() and _UNITS cannot map.
    if not (digits.isascii() and digits.isdigit()):
        raise ValueError(f"'{digits}' is not a string of digits 0-9")


def _split_number(number: str) -> tuple[str, str]:
    """ "A-001" -> ("A", "001"); the digits keep their zeros for the display and digit reading."""
    prefix, dash, digits = number.strip().upper().partition("-")
    valid = (dash == "-" and prefix.isascii() and prefix.isalpha() and digits.isascii()
             and digits.isdigit() and len(digits) <= len(str(MAX_NUMBER)))
    if not valid:
        raise ValueError(f"'{number}' is not a ticket number like 'A-001' or 'AB-1234'")
    return prefix, digits


def _number_parts(digits: str, reading: str) -> tuple[str, list[str]]:
    """Spoken words and clips for the digits of a ticket number in the office's reading."""
    if reading == "digits":
        return digit_words(digits), [_UNITS[int(d)] for d in digits]
    if reading == "cardinal":
        return number_words(int(digits)), number_clips(int(digits))
    raise ValueError(f"reading must be one of {', '.join(NUMBER_READINGS)}, not '{reading}'")


def counter_voice(number: int, name: str = "", spoken: str = "",
                  counter_word: str = DEFAULT_COUNTER_WORD) -> CounterVoice:
    """A counter's display name and spoken words; unset, the office's counter word + number.

    Spoken words left unset are read from the name ("Loket 2" -> "loket dua"), so what the
    screen shows is what the voice says.
    """
    if not 1 <= number <= MAX_COUNTER:
        raise ValueError(f"counter number {number} is outside 1..{MAX_COUNTER}")
    word = counter_word.strip().lower() or DEFAULT_COUNTER_WORD
    display = " ".join(name.split()) or f"{word.capitalize()} {number}"
    words = " ".join(spoken.lower().split()) or words_of_name(display)
    if word in COUNTER_WORDS and words == f"{word} {number_words(number)}":
        clips = (word, *number_clips(number))  # from the fixed set every office has
    else:
        clips = (counter_clip_name(words),)
    return CounterVoice(number=number, display=display, spoken=words, clips=clips)


def words_of_name(name: str) -> str:
    """ "Loket 2A" -> "loket dua a": lower case, each run of digits read as a cardinal."""
    pieces: list[str] = []
    for token in _digit_runs(name.lower()):
        if token.isascii() and token.isdigit() and int(token) <= MAX_NUMBER:
            pieces.append(number_words(int(token)))
        else:
            pieces.append(token)
    return " ".join(" ".join(pieces).split())


def _digit_runs(text: str) -> list[str]:
    """Split where digits meet other characters: "2a-3" -> ["2", "a-", "3"]."""
    tokens: list[str] = []
    for char in text:
        same = tokens and tokens[-1][-1].isdigit() == char.isdigit()
        if same:
            tokens[-1] += char
        else:
            tokens.append(char)
    return [token if token.isdigit() else token.replace("-", " ") for token in tokens]


def counter_clip_name(spoken: str) -> str:
    """The clip of a counter's own words: "loket prioritas" -> "tempat-loket-prioritas"."""
    slug = "-".join("".join(c if c.isascii() and c.isalnum() else " " for c in spoken).split())
    return f"tempat-{slug or 'tanpa-nama'}"


def build_announcement(number: str, counter_number: int, counter_word: str = "loket",
                       reading: str = "cardinal",
                       counter: CounterVoice | None = None) -> Announcement:
    """ "Nomor antrean A-001, silakan menuju Loket 2", spoken as the domain rules say.

    `counter` names the counter; without it, the counter word and number do.
    """
    prefix, digits = _split_number(number)
    place = counter or counter_voice(counter_number, counter_word=counter_word)
    number_spoken, digit_clips = _number_parts(digits, reading)
    # Commas make speech engines pause where a person would.
    spoken = (f"Nomor antrean, {', '.join(prefix)}, {number_spoken}, "
              f"silakan menuju {place.spoken}")
    clips = ["nomor-antrean", *_letter_clips(prefix), *digit_clips,
             "silakan-menuju", *place.clips]
    return Announcement(
        display_text=f"Nomor antrean {prefix}-{digits}, silakan menuju {place.display}",
        spoken_text=spoken,
        clips=tuple(clips),
    )


def _letter_clips(prefix: str) -> list[str]:
    return [f"huruf-{letter.lower()}" for letter in prefix]


def _number_vocabulary() -> list[str]:
    """Every word group a number 0..9999 can use; 46 of them."""
    groups = [*_UNITS, "sepuluh", "sebelas", "seratus", "seribu"]
    for unit in _UNITS[2:]:
        groups += [f"{unit} belas", f"{unit} puluh", f"{unit} ratus", f"{unit} ribu"]
    return groups


def clip_vocabulary(counters: tuple[CounterVoice, ...] = ()) -> dict[str, str]:
    """Every clip name and the Indonesian text to record for it: the fixed 79, plus one clip
    for each counter whose spoken words the fixed set cannot say."""
    vocabulary = dict(_PHRASES)
    vocabulary.update({f"huruf-{c.lower()}": c for c in _LETTERS})
    vocabulary.update({_clip_name(group): group for group in _number_vocabulary()})
    vocabulary.update({word: word for word in COUNTER_WORDS})
    vocabulary.update({counter.clips[0]: counter.spoken for counter in counters
                       if len(counter.clips) == 1})
    return vocabulary


def ticket_number_speech(number: str, reading: str = "cardinal") -> tuple[str, list[str]]:
    """ "A-012" as spoken ("A, dua belas") and its clips, for screens that read a number."""
    prefix, digits = _split_number(number)
    spoken, digit_clips = _number_parts(digits, reading)
    return f"{', '.join(prefix)}, {spoken}", [*_letter_clips(prefix), *digit_clips]
