"""Complaint form rules and tracking codes."""

import pytest

from antrean.core.complaints import (
    ComplaintStatus,
    new_tracking_code,
    normalize_tracking_code,
    parse_complaint,
    parse_reply,
)
from antrean.core.errors import DomainError


def test_a_tracking_code_survives_being_typed_back_sloppily() -> None:
    code = new_tracking_code()
    assert len(code) == 13 and code.startswith("PGD-")
    assert normalize_tracking_code(code.lower().replace("-", " ")) == code
    assert normalize_tracking_code(code[4:].replace("-", "")) == code
    assert normalize_tracking_code("PGD-0000-1111") is None  # 0 and 1 are never used
    assert normalize_tracking_code("") is None


def test_an_anonymous_complaint_needs_only_a_category_and_a_message() -> None:
    form = parse_complaint("antrean", "  Antrean tidak bergerak selama dua jam.\r\n ")
    assert form.message == "Antrean tidak bergerak selama dua jam."
    assert (form.name, form.contact, form.ticket_number) == (None, None, None)


@pytest.mark.parametrize(("fields", "code"), [
    ({"category": "politik"}, "invalid_category"),
    ({"message": "jelek"}, "message_too_short"),
    ({"message": "x" * 2001}, "message_too_long"),
    ({"name": "n" * 101}, "name_too_long"),
    ({"contact": "0" * 101}, "contact_too_long"),
    ({"ticket_number": "nomor saya"}, "invalid_ticket_number"),
])
def test_bad_fields_are_named(fields: dict[str, str], code: str) -> None:
    values = {"category": "petugas", "message": "Petugas tidak ada di loket 2.", **fields}
    with pytest.raises(DomainError) as error:
        parse_complaint(**values)
    assert error.value.code == code


def test_ticket_numbers_are_written_the_house_way() -> None:
    assert parse_complaint("antrean", "Nomor saya dilewati.", ticket_number="a 12")\
        .ticket_number == "A-12"
    assert parse_complaint("antrean", "Nomor saya dilewati.", ticket_number="B-001")\
        .ticket_number == "B-001"


def test_control_characters_are_dropped_but_lines_kept() -> None:
    form = parse_complaint("lainnya", "Baris satu\x00\x1b[31m\nBaris dua")
    assert form.message == "Baris satu[31m\nBaris dua"


def test_a_reply_needs_text_and_a_known_status() -> None:
    assert parse_reply("Sudah kami tindak lanjuti.", "selesai")[1] is ComplaintStatus.DONE
    with pytest.raises(DomainError):
        parse_reply("  ", "selesai")
    with pytest.raises(DomainError):
        parse_reply("Baik.", "ditutup")
