"""The respondent profile of the SKM form (PermenPANRB 14/2017): sex, age, education, work."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from antrean.core.errors import invalid

SEXES: dict[str, str] = {"L": "Laki-laki", "P": "Perempuan"}

EDUCATION: dict[str, str] = {
    "sd": "SD ke bawah",
    "smp": "SMP/sederajat",
    "sma": "SMA/sederajat",
    "diploma": "D1/D2/D3",
    "s1": "D4/S1",
    "s2": "S2/S3",
}

OCCUPATIONS: dict[str, str] = {
    "pns": "PNS/ASN",
    "tni_polri": "TNI/Polri",
    "swasta": "Pegawai swasta",
    "wirausaha": "Wirausaha",
    "pelajar": "Pelajar/Mahasiswa",
    "lainnya": "Lainnya",
}

# Report brackets, (label, lowest age, highest age).
AGE_BRACKETS: tuple[tuple[str, int, int], ...] = (
    ("di bawah 20 tahun", 0, 19),
    ("20-29 tahun", 20, 29),
    ("30-39 tahun", 30, 39),
    ("40-49 tahun", 40, 49),
    ("50-59 tahun", 50, 59),
    ("60 tahun ke atas", 60, 200),
)

MIN_AGE, MAX_AGE = 10, 110
MAX_SUGGESTION = 1000


@dataclass(frozen=True)
class Respondent:
    sex: str
    age: int
    education: str
    occupation: str
    suggestion: str | None = None


def age_bracket(age: int) -> str:
    return next(label for label, low, high in AGE_BRACKETS if low <= age <= high)


def parse_respondent(form: Mapping[str, object]) -> Respondent:
    """Read the profile from form fields; errors name the field in Indonesian."""
    sex = _choice(form.get("sex"), SEXES, "invalid_sex", "Pilih jenis kelamin.")
    education = _choice(form.get("education"), EDUCATION, "invalid_education",
                        "Pilih pendidikan terakhir.")
    occupation = _choice(form.get("occupation"), OCCUPATIONS, "invalid_occupation",
                         "Pilih pekerjaan.")
    raw_age = str(form.get("age") or "").strip()
    if not (raw_age.isascii() and raw_age.isdigit()) or not MIN_AGE <= int(raw_age) <= MAX_AGE:
        raise invalid("invalid_age", f"Isi umur dalam tahun ({MIN_AGE}-{MAX_AGE}).")
    suggestion = str(form.get("suggestion") or "").strip()
    if len(suggestion) > MAX_SUGGESTION:
        raise invalid("suggestion_too_long",
                      f"Saran paling panjang {MAX_SUGGESTION} karakter.")
    return Respondent(sex, int(raw_age), education, occupation, suggestion or None)


def _choice(value: object, choices: Mapping[str, str], code: str, message: str) -> str:
    if isinstance(value, str) and value in choices:
        return value
    raise invalid(code, message)
