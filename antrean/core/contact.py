"""Who a booking is for: name, WhatsApp number, NIK and e-mail, checked and normalised.

A NIK is personal data (UU 27/2022): it is kept only as a keyed hash, enough to hold the rule
"one booking per person", and shown masked. Phone numbers are kept as 62xxxxxxxxxx, the form
WhatsApp and SMS gateways expect.
"""

from __future__ import annotations

import hashlib
import hmac
import re

from antrean.core.errors import DomainError, invalid

MAX_NAME = 100
# Indonesian mobile numbers: 08 then the operator (811.., 852.., 877.., 896..), 10-13 digits.
_MOBILE = re.compile(r"62(8[1-35-9]\d{7,10})")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def parse_name(value: object) -> str:
    name = " ".join(value.split()) if isinstance(value, str) else ""
    if len(name) < 2:
        raise invalid("invalid_name", "Tulis nama Anda (paling sedikit 2 huruf).")
    if len(name) > MAX_NAME:
        raise invalid("invalid_name", f"Nama paling panjang {MAX_NAME} karakter.")
    if not any(c.isalpha() for c in name) or any(c in "<>{}=\\" for c in name):
        raise invalid("invalid_name", "Nama hanya berisi huruf, spasi dan tanda baca biasa.")
    return name


def parse_phone(value: object) -> str:
    """"0812-3456-7890", "+62 812 3456 7890" or "6281234567890" -> "6281234567890"."""
    text = value if isinstance(value, str) else ""
    digits = re.sub(r"[\s().-]", "", text)
    if digits.startswith("+"):
        digits = digits[1:]
    if digits.startswith("0"):
        digits = "62" + digits[1:]
    elif digits.startswith("8"):
        digits = "62" + digits
    if not _MOBILE.fullmatch(digits):
        raise invalid("invalid_phone",
                      "Nomor HP (WhatsApp) tidak valid. Tulis seperti 0812 3456 7890.")
    return digits


def mask_phone(phone: str) -> str:
    """"6281234567890" -> "0812****7890": enough to recognise one's own number."""
    local = "0" + phone[2:]
    return local[:4] + "*" * (len(local) - 8) + local[-4:]


def parse_nik(value: object) -> str:
    """A NIK: 16 digits; the 7th-12th are the birth date (day + 40 for women)."""
    nik = re.sub(r"[\s.-]", "", value) if isinstance(value, str) else ""
    if not nik:
        raise invalid("missing_nik", "Layanan ini meminta NIK. Tulis 16 digit NIK Anda.")
    if not (nik.isascii() and nik.isdigit() and len(nik) == 16):
        raise invalid("invalid_nik", "NIK harus 16 digit angka, seperti pada KTP-el atau KK.")
    day, month = int(nik[6:8]), int(nik[8:10])
    if not (1 <= day % 40 <= 31 and day <= 71 and 1 <= month <= 12) or nik[:2] < "11":
        raise invalid("invalid_nik", "NIK tidak valid. Periksa kembali 16 digit NIK Anda.")
    return nik


def nik_hash(nik: str, key: bytes) -> str:
    """HMAC-SHA256 with the app's secret key: a stolen database does not yield NIKs by
    hashing all 10^16 candidates, as an unkeyed hash would."""
    return hmac.new(key, b"nik:" + nik.encode(), hashlib.sha256).hexdigest()


def mask_nik(last_four: str) -> str:
    return "************" + last_four


def parse_email(value: object) -> str | None:
    """Optional: an empty field is None."""
    email = value.strip() if isinstance(value, str) else ""
    if not email:
        return None
    if len(email) > 254 or not _EMAIL.fullmatch(email):
        raise invalid("invalid_email", "Alamat e-mail tidak valid, mis. nama@contoh.com.")
    return email


def field_of(error: DomainError) -> str | None:
    """The form field an error is about, so the page can mark it."""
    return _FIELDS.get(error.code)


_FIELDS = {
    "invalid_name": "name", "invalid_phone": "phone", "invalid_nik": "nik",
    "missing_nik": "nik", "invalid_email": "email", "already_booked": "phone",
    "already_booked_nik": "nik",
}
