import dataclasses
import re
from pathlib import Path

import pytest

from antrean.config import load_settings
from antrean.core.announcement import (
    MAX_COUNTER,
    MAX_NUMBER,
    build_announcement,
    clip_vocabulary,
    counter_voice,
    digit_words,
    number_clips,
    number_words,
    words_of_name,
)

_UNIT_VALUES = {word: value for value, word in enumerate(
    "nol satu dua tiga empat lima enam tujuh delapan sembilan".split())}


def parse_number_words(words: str) -> int:
    """An independent reader of Indonesian cardinals, to check number_words() against."""
    total = group = pending = 0
    for word in words.split():
        if word in _UNIT_VALUES:
            assert pending == 0, f"two units in a row in '{words}'"
            pending = _UNIT_VALUES[word]
        elif word in ("sepuluh", "sebelas", "seratus"):
            group += {"sepuluh": 10, "sebelas": 11, "seratus": 100}[word]
        elif word in ("belas", "puluh", "ratus"):
            group += pending * {"belas": 1, "puluh": 10, "ratus": 100}[word]
            group += 10 if word == "belas" else 0
            pending = 0
        elif word in ("ribu", "seribu"):
            total += (1 if word == "seribu" else pending) * 1000
            pending = 0
        else:
            raise ValueError(f"unknown word '{word}' in '{words}'")
    return total + group + pending


@pytest.mark.parametrize(("n", "words"), [
    (0, "nol"), (1, "satu"), (9, "sembilan"), (10, "sepuluh"), (11, "sebelas"),
    (12, "dua belas"), (19, "sembilan belas"), (20, "dua puluh"), (21, "dua puluh satu"),
    (99, "sembilan puluh sembilan"), (100, "seratus"), (101, "seratus satu"),
    (110, "seratus sepuluh"), (111, "seratus sebelas"), (115, "seratus lima belas"),
    (123, "seratus dua puluh tiga"), (199, "seratus sembilan puluh sembilan"),
    (200, "dua ratus"), (999, "sembilan ratus sembilan puluh sembilan"), (1000, "seribu"),
    (1001, "seribu satu"), (1100, "seribu seratus"), (1011, "seribu sebelas"),
    (1999, "seribu sembilan ratus sembilan puluh sembilan"), (2000, "dua ribu"),
    (2020, "dua ribu dua puluh"), (9999, "sembilan ribu sembilan ratus sembilan puluh sembilan"),
])
def test_number_words_read_indonesian_cardinals(n: int, words: str) -> None:
    assert number_words(n) == words


@pytest.mark.parametrize("n", [-1, MAX_NUMBER + 1, 100_000])
def test_number_words_refuse_numbers_outside_0_to_9999(n: int) -> None:
    with pytest.raises(ValueError):
        number_words(n)


def test_every_number_has_its_own_words_that_read_back_to_it() -> None:
    seen: dict[str, int] = {}
    for n in range(MAX_NUMBER + 1):
        words = number_words(n)
        assert words not in seen, f"{n} and {seen[words]} both read '{words}'"
        seen[words] = n
        assert parse_number_words(words) == n


def test_one_of_a_power_of_ten_is_always_the_se_form() -> None:
    for n in range(MAX_NUMBER + 1):
        assert not re.search(r"\bsatu (belas|puluh|ratus|ribu)\b", number_words(n))


@pytest.mark.parametrize(("digits", "words"), [
    ("001", "nol, nol, satu"), ("0", "nol"), ("1234", "satu, dua, tiga, empat"),
    ("090", "nol, sembilan, nol"),
])
def test_digit_words_read_each_digit(digits: str, words: str) -> None:
    assert digit_words(digits) == words


@pytest.mark.parametrize("digits", ["", "12a", "-1", "\u0661\u0662", "\u00b2"])
def test_digit_words_refuse_anything_but_ascii_digits(digits: str) -> None:
    with pytest.raises(ValueError):
        digit_words(digits)


def test_cardinal_call_is_read_without_leading_zeros() -> None:
    call = build_announcement("A-123", 2)
    assert call.display_text == "Nomor antrean A-123, silakan menuju Loket 2"
    assert call.spoken_text == \
        "Nomor antrean, A, seratus dua puluh tiga, silakan menuju loket dua"
    assert call.clips == ("nomor-antrean", "huruf-a", "seratus", "dua-puluh", "tiga",
                          "silakan-menuju", "loket", "dua")
    assert build_announcement("A-001", 2).spoken_text == \
        "Nomor antrean, A, satu, silakan menuju loket dua"


def test_digit_reading_keeps_the_zeros() -> None:
    call = build_announcement("A-001", 2, reading="digits")
    assert call.display_text == "Nomor antrean A-001, silakan menuju Loket 2"
    assert call.spoken_text == "Nomor antrean, A, nol, nol, satu, silakan menuju loket dua"
    assert call.clips == ("nomor-antrean", "huruf-a", "nol", "nol", "satu",
                          "silakan-menuju", "loket", "dua")


def test_counter_number_is_always_a_cardinal() -> None:
    call = build_announcement("B-007", 12, counter_word="Gerai", reading="digits")
    assert call.spoken_text == \
        "Nomor antrean, B, nol, nol, tujuh, silakan menuju gerai dua belas"
    assert call.clips[-3:] == ("silakan-menuju", "gerai", "dua-belas")


def test_multi_letter_prefix_is_spelled_letter_by_letter() -> None:
    call = build_announcement("ab-1234", 3)
    assert call.display_text == "Nomor antrean AB-1234, silakan menuju Loket 3"
    assert call.spoken_text.startswith("Nomor antrean, A, B, seribu dua ratus tiga puluh empat,")
    assert call.clips[:3] == ("nomor-antrean", "huruf-a", "huruf-b")


def test_a_counter_word_without_a_clip_gets_a_clip_of_its_own() -> None:
    # The clips once fell back to "loket" while the text said "kamar": they disagreed.
    call = build_announcement("A-001", 1, counter_word="kamar")
    assert call.spoken_text.endswith("silakan menuju kamar satu")
    assert call.display_text.endswith("silakan menuju Kamar 1")
    assert call.clips[-1:] == ("tempat-kamar-satu",)


def test_a_named_counter_is_shown_spoken_and_played_by_its_name() -> None:
    priority = counter_voice(4, name="Loket Prioritas")
    call = build_announcement("A-012", 4, counter=priority)
    assert call.display_text == "Nomor antrean A-012, silakan menuju Loket Prioritas"
    assert call.spoken_text == "Nomor antrean, A, dua belas, silakan menuju loket prioritas"
    assert call.clips == ("nomor-antrean", "huruf-a", "dua-belas", "silakan-menuju",
                          "tempat-loket-prioritas")
    assert clip_vocabulary((priority,))["tempat-loket-prioritas"] == "loket prioritas"


def test_a_counter_may_be_given_words_to_say_and_numbers_in_names_are_read() -> None:
    gigi = counter_voice(7, name="Poli Gigi", spoken="Poli gigi dan mulut")
    assert (gigi.display, gigi.spoken) == ("Poli Gigi", "poli gigi dan mulut")
    assert gigi.clips == ("tempat-poli-gigi-dan-mulut",)
    assert counter_voice(3, name="Loket 12B").spoken == "loket dua belas b"
    # A default name is said with the fixed clips every office has.
    plain = counter_voice(12, counter_word="gerai")
    assert (plain.display, plain.spoken, plain.clips) == ("Gerai 12", "gerai dua belas",
                                                          ("gerai", "dua-belas"))


def test_display_and_spoken_words_never_disagree_for_the_demo_counters() -> None:
    settings = load_settings(Path(__file__).resolve().parents[2] / "config.toml")
    for counter in settings.counters:
        voice = settings.counter_voice(counter.number)
        call = build_announcement("A-001", counter.number, counter=voice)
        assert call.display_text.endswith(counter.name)
        assert call.spoken_text.endswith(words_of_name(counter.name))
        assert set(call.clips) <= set(clip_vocabulary(tuple(
            settings.counter_voice(c.number) for c in settings.counters)))


def test_a_speech_engine_never_sees_the_ticket_number() -> None:
    for number in ("A-001", "C-123", "AB-1234", "Z-9999"):
        spoken = build_announcement(number, 2).spoken_text
        assert number not in spoken
        assert not re.search(r"[0-9-]", spoken)


@pytest.mark.parametrize("number", ["A001", "A-", "-001", "A-12345", "\u00c4-001", "A-1a",
                                    "A1-001", ""])
def test_malformed_ticket_numbers_are_refused(number: str) -> None:
    with pytest.raises(ValueError):
        build_announcement(number, 1)


@pytest.mark.parametrize(("counter", "reading"), [(0, "cardinal"), (MAX_COUNTER + 1, "cardinal"),
                                                  (1, "roman"), (1, "")])
def test_bad_counter_or_reading_is_refused(counter: int, reading: str) -> None:
    with pytest.raises(ValueError):
        build_announcement("A-001", counter, reading=reading)


def test_announcement_is_immutable() -> None:
    call = build_announcement("A-001", 1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        call.spoken_text = "x"  # type: ignore[misc]


def test_vocabulary_is_a_small_fixed_set_of_plain_names() -> None:
    vocabulary = clip_vocabulary()
    assert len(vocabulary) == 79
    for name, text in vocabulary.items():
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", name), name
        assert text.strip() == text and text


def test_clips_of_every_number_say_exactly_its_words() -> None:
    vocabulary = clip_vocabulary()
    for n in range(MAX_NUMBER + 1):
        assert " ".join(vocabulary[clip] for clip in number_clips(n)) == number_words(n)


@pytest.mark.parametrize("reading", ["cardinal", "digits"])
@pytest.mark.parametrize("counter_word", ["loket", "gerai", "poli", "ruang"])
def test_clips_of_every_call_come_from_the_vocabulary_and_say_the_sentence(
        reading: str, counter_word: str) -> None:
    vocabulary = clip_vocabulary()
    calls = [(f"A-{n:03d}", 1 + n % MAX_COUNTER) for n in range(MAX_NUMBER + 1)]
    calls += [("Z-001", counter) for counter in range(1, MAX_COUNTER + 1)]
    for number, counter in calls:
        call = build_announcement(number, counter, counter_word, reading)
        assert set(call.clips) <= vocabulary.keys()
        joined = " ".join(vocabulary[clip] for clip in call.clips)
        assert joined == call.spoken_text.replace(",", "")
