"""The ticket layout for 58 mm (32 columns) and 80 mm (48 columns) paper."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from antrean.printing.escpos_render import render_escpos
from antrean.printing.layout import (
    QR_CAPTION,
    Cut,
    Element,
    QrCode,
    TextLine,
    balanced_wrap,
    layout_slip,
)
from antrean.printing.sample import sample_slip
from antrean.printing.slip import TicketSlip

COLUMNS = [32, 48]


def texts(elements: list[Element]) -> list[str]:
    return [e.text.strip() for e in elements if isinstance(e, TextLine) and e.text.strip("- ")]


def lines_from(elements: list[Element], start: str, stop: str) -> list[str]:
    """The text lines after the line `start` up to (not including) the line `stop`."""
    lines = texts(elements)
    return lines[lines.index(start) + 1:lines.index(stop)]


@pytest.mark.parametrize("columns", COLUMNS)
def test_every_line_fits_the_paper_at_its_character_width(
    long_slip: TicketSlip, columns: int
) -> None:
    for element in layout_slip(long_slip, columns):
        if isinstance(element, TextLine):
            assert len(element.text) * element.width <= columns, element


@pytest.mark.parametrize("columns", COLUMNS)
def test_the_ticket_reads_top_to_bottom_in_the_documented_order(
    slip: TicketSlip, columns: int
) -> None:
    elements = layout_slip(slip, columns)
    lines = texts(elements)
    order = ["Nomor Antrean", "A-001", "Perekaman KTP Elektronik",
             "PRIORITAS: Lanjut usia (60+)", "Senin, 23 November 2026", "Pukul 14.30 WITA",
             "Antrean sebelum Anda: 4", QR_CAPTION, "Layanan ini GRATIS"]
    positions = [lines.index(text) for text in order]
    assert positions == sorted(positions)
    assert lines.index("Nomor Antrean") > 0  # the office name comes first
    qr_at = next(i for i, e in enumerate(elements) if isinstance(e, QrCode))
    assert elements[qr_at + 1] == TextLine(QR_CAPTION)
    assert isinstance(elements[-1], Cut)


@pytest.mark.parametrize("columns", COLUMNS)
def test_long_office_and_service_names_wrap_at_word_boundaries(
    long_slip: TicketSlip, columns: int
) -> None:
    elements = layout_slip(long_slip, columns)
    office = lines_from([TextLine("START"), *elements], "START", "Nomor Antrean")
    service = lines_from(elements, "KIA-1024", "PRIORITAS: Lanjut usia (60+)")
    for name, lines in ((long_slip.office_name, office), (long_slip.service_name, service)):
        assert len(lines) > 1
        assert " ".join(lines) == name  # nothing lost, no word cut in two
        assert all(line == line.strip() for line in lines)


def test_office_name_is_bold_and_centered(slip: TicketSlip) -> None:
    first = layout_slip(slip, 48)[0]
    assert isinstance(first, TextLine)
    assert first.bold and first.align == "center"


@pytest.mark.parametrize(("columns", "number", "scale"), [
    (32, "A-001", 4), (48, "A-001", 4), (32, "KIA-1024", 4), (32, "KIA-10245", 3),
])
def test_the_number_is_printed_as_large_as_the_paper_allows(
    slip: TicketSlip, columns: int, number: str, scale: int
) -> None:
    line = next(e for e in layout_slip(replace(slip, number=number), columns)
                if isinstance(e, TextLine) and e.text == number)
    assert (line.width, line.height, line.bold) == (scale, scale, True)


def test_a_wait_too_long_for_one_line_keeps_its_value_whole(slip: TicketSlip) -> None:
    narrow = texts(layout_slip(slip, 32))
    wide = texts(layout_slip(slip, 48))
    assert narrow[narrow.index("Estimasi waktu tunggu:") + 1] == "± 25 menit"
    assert "Estimasi waktu tunggu: ± 25 menit" in wide


def test_a_ticket_without_priority_has_no_priority_line(slip: TicketSlip) -> None:
    lines = texts(layout_slip(replace(slip, priority_label=None), 32))
    assert not any(line.startswith("PRIORITAS") for line in lines)


@pytest.mark.parametrize("columns", COLUMNS)
def test_priority_label_is_printed_white_on_black_with_padding(
    slip: TicketSlip, columns: int
) -> None:
    label = [e for e in layout_slip(slip, columns) if isinstance(e, TextLine) and e.inverted]
    assert [line.text for line in label] == [" PRIORITAS: Lanjut usia (60+) "]
    assert all(line.bold for line in label)


@pytest.mark.parametrize("columns", COLUMNS)
def test_the_qr_code_carries_the_tracking_url(slip: TicketSlip, columns: int) -> None:
    codes = [e for e in layout_slip(slip, columns) if isinstance(e, QrCode)]
    assert [c.payload for c in codes] == [slip.tracking_url]


def test_centred_text_wraps_into_even_lines_without_a_widow() -> None:
    lines = balanced_wrap("Dinas Kependudukan dan Pencatatan Sipil Kota Makassar", 48)
    assert lines == ["Dinas Kependudukan dan", "Pencatatan Sipil Kota Makassar"]


def test_unsupported_paper_width_is_refused(slip: TicketSlip) -> None:
    with pytest.raises(ValueError):
        layout_slip(slip, 40)


def test_sample_slip_is_a_realistic_ticket_in_the_office_zone() -> None:

    slip = sample_slip("Kantor Contoh", "Asia/Makassar", ("Layanan ini GRATIS",),
                       "https://antrean.example.go.id/", datetime(2026, 11, 23, 6, 30, tzinfo=UTC))
    assert slip.issued_date == "Senin, 23 November 2026"
    assert slip.issued_time == "14.30 WITA"
    assert slip.tracking_url.startswith("https://antrean.example.go.id/t/")
    assert slip.footer == ("Layanan ini GRATIS",)


@pytest.mark.parametrize("columns", COLUMNS)
def test_an_mpp_ticket_names_the_agency_with_the_service(slip: TicketSlip, columns: int) -> None:
    mpp = replace(slip, agency_name="Disdukcapil", service_name="KTP-el")
    lines = texts(layout_slip(mpp, columns))
    assert lines[lines.index("A-001") + 1] == "Disdukcapil — KTP-el"
    assert b"Disdukcapil - KTP-el" in render_escpos(layout_slip(mpp, columns))  # code page 437
    assert "Perekaman KTP Elektronik" in texts(layout_slip(slip, columns))  # a single office
