"""Words the pages must no longer use (issue 14): each says something untrue or unclear."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SOURCES = [path for folder in ("templates", "antrean", "kiosk", "display")
           for path in (ROOT / folder).rglob("*")
           if path.suffix in (".html", ".js", ".py") and "vendor" not in path.parts]

# phrase -> why it goes
RETIRED = {
    "satu-satunya sumber kebenaran": "jargon on the admin services page",
    "akan dilewati": "clashes with the status Dilewati in the out-of-turn dialog",
    "Nomor ini tidak hadir": "a number is not present or absent; a person is",
    "Segera lapor ke petugas": "'lapor' reads as a complaint; the citizen just sees the petugas",
    "Layanan dibuka pukul": "it is taking numbers that opens, not the service",
    "Menganggur": "'Waktu kosong' is the office's word for idle time",
}


@pytest.mark.parametrize("phrase", sorted(RETIRED))
def test_a_retired_phrase_appears_nowhere(phrase: str) -> None:
    found = [str(path.relative_to(ROOT)) for path in SOURCES
             if phrase.lower() in path.read_text(encoding="utf-8").lower()]
    assert not found, f"{phrase!r} ({RETIRED[phrase]}) still in {found}"


def test_date_ranges_are_written_with_sd_only() -> None:
    # " - " between two dates was used beside "s.d."; the pages keep "s.d.".
    from antrean.web.ikm_pages import _period_label

    assert _period_label({"from": "2026-01-01", "to": "2026-03-31"}) == \
        "1 Januari 2026 s.d. 31 Maret 2026"
