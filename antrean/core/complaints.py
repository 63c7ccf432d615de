"""Complaint (pengaduan) rules: categories, statuses, field limits and tracking codes."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from enum import StrEnum

from antrean.core.errors import invalid


class ComplaintStatus(StrEnum):
    NEW = "baru"
    IN_PROGRESS = "diproses"
    DONE = "selesai"


def status_after_reply(current: ComplaintStatus) -> ComplaintStatus:
    """What a reply moves a complaint to unless the admin picks otherwise: a new one is taken up."""
    return ComplaintStatus.IN_PROGRESS if current is ComplaintStatus.NEW else current


STATUS_LABELS: dict[ComplaintStatus, str] = {
    ComplaintStatus.NEW: "Baru",
    ComplaintStatus.IN_PROGRESS: "Diproses",
    ComplaintStatus.DONE: "Selesai",
}

CATEGORIES: dict[str, str] = {
    "petugas": "Sikap atau pelayanan petugas",
    "antrean": "Waktu tunggu dan antrean",
    "persyaratan": "Persyaratan dan prosedur",
    "biaya": "Pungutan liar atau biaya",
    "sarana": "Sarana dan prasarana",
    "informasi": "Informasi layanan",
    "lainnya": "Lainnya",
}

MIN_MESSAGE, MAX_MESSAGE = 10, 2000
MAX_NAME, MAX_CONTACT = 100, 100
MAX_REPLY = 2000
# No 0/O, 1/I/L: the code is read aloud and typed from paper.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_PREFIX = "PGD"
_TICKET_NUMBER = re.compile(r"^[A-Z]{1,3}-?\d{1,4}$")


@dataclass(frozen=True)
class ComplaintForm:
    category: str
    message: str
    name: str | None
    contact: str | None
    ticket_number: str | None
    agency: str | None = None  # the instansi it is about (an MPP); None: the office


def new_tracking_code() -> str:
    """"PGD-7K3M-9QXA": 31^8 (about 8 x 10^11) codes, so one cannot guess another's."""
    body = "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))
    return f"{CODE_PREFIX}-{body[:4]}-{body[4:]}"


def normalize_tracking_code(text: str) -> str | None:
    """Accept lower case, spaces and missing dashes; None when it cannot be a code."""
    compact = re.sub(r"[\s-]", "", text.upper())
    if compact.startswith(CODE_PREFIX):
        compact = compact[len(CODE_PREFIX):]
    if len(compact) != 8 or any(c not in CODE_ALPHABET for c in compact):
        return None
    return f"{CODE_PREFIX}-{compact[:4]}-{compact[4:]}"


def parse_complaint(category: object, message: object, name: object = None,
                    contact: object = None, ticket_number: object = None) -> ComplaintForm:
    """Validate the public form; every error names the field in Indonesian."""
    if not isinstance(category, str) or category not in CATEGORIES:
        raise invalid("invalid_category", "Pilih kategori pengaduan.")
    text = _clean(message)
    if len(text) < MIN_MESSAGE:
        raise invalid("message_too_short",
                      f"Tuliskan pengaduan Anda, paling sedikit {MIN_MESSAGE} karakter.")
    if len(text) > MAX_MESSAGE:
        raise invalid("message_too_long",
                      f"Pengaduan paling panjang {MAX_MESSAGE} karakter.")
    return ComplaintForm(
        category=category, message=text,
        name=_optional(name, MAX_NAME, "name_too_long", "Nama"),
        contact=_optional(contact, MAX_CONTACT, "contact_too_long", "Kontak"),
        ticket_number=_ticket_number(ticket_number),
    )


def parse_reply(body: object, status: object) -> tuple[str, ComplaintStatus]:
    text = _clean(body)
    if not text:
        raise invalid("empty_reply", "Tuliskan tanggapan untuk pelapor.")
    if len(text) > MAX_REPLY:
        raise invalid("reply_too_long", f"Tanggapan paling panjang {MAX_REPLY} karakter.")
    if not isinstance(status, str) or status not in ComplaintStatus._value2member_map_:
        raise invalid("invalid_status", "Status harus baru, diproses atau selesai.")
    return text, ComplaintStatus(status)


def _clean(value: object) -> str:
    """Trim, normalise line ends and drop control characters other than newlines and tabs."""
    if not isinstance(value, str):
        return ""
    text = value.replace("\r\n", "\n").replace("\r", "\n").strip()
    return "".join(c for c in text if c in "\n\t" or ord(c) >= 32)


def _optional(value: object, limit: int, code: str, label: str) -> str | None:
    text = " ".join(_clean(value).split())
    if len(text) > limit:
        raise invalid(code, f"{label} paling panjang {limit} karakter.")
    return text or None


def _ticket_number(value: object) -> str | None:
    text = _clean(value).upper().replace(" ", "")
    if not text:
        return None
    if not _TICKET_NUMBER.match(text):
        raise invalid("invalid_ticket_number", "Nomor antrean ditulis seperti A-001.")
    if "-" not in text:
        split = next(i for i, c in enumerate(text) if c.isdigit())
        text = f"{text[:split]}-{text[split:]}"
    return text
