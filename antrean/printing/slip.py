"""What a printed ticket shows, already formatted as text."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TicketSlip:
    """Everything on the paper; the caller formats dates, waits and labels in Bahasa Indonesia.

    Keeping the slip free of clocks and database rows lets a printer be tested, and a ticket
    reprinted, from plain values.
    """

    office_name: str
    number: str  # "A-001"
    service_name: str
    issued_date: str  # "Senin, 23 November 2026"
    issued_time: str  # "14.30 WITA"
    ahead: int
    estimated_wait: str  # "± 25 menit"
    tracking_url: str
    footer: tuple[str, ...] = ()
    priority_label: str | None = None  # "PRIORITAS: Lanjut usia (60+)"
    counters: str = ""  # "Loket 1, Loket Prioritas": the names the voice will call
    office_address: str = ""  # under the name, so a citizen knows where to come back to
    agency_name: str = ""  # an MPP's instansi ("Disdukcapil"); empty in a single office

    @property
    def service_line(self) -> str:
        """ "Disdukcapil — KTP-el" in a Mal Pelayanan Publik, else the service alone."""
        return f"{self.agency_name} — {self.service_name}" if self.agency_name \
            else self.service_name
