"""A realistic demo ticket for `python run.py print-test`."""

from __future__ import annotations

from datetime import datetime

from antrean.core.clock import OfficeClock, utc_now
from antrean.printing.slip import TicketSlip


def sample_slip(office_name: str, timezone: str, footer: tuple[str, ...],
                tracking_base_url: str, now: datetime | None = None,
                office_address: str = "") -> TicketSlip:
    """A long service name and a priority label, so wrapping shows on the test print."""
    clock = OfficeClock(timezone)
    issued = now or utc_now()
    return TicketSlip(
        office_name=office_name,
        office_address=office_address,
        number="A-001",
        service_name="Perekaman dan Pencetakan KTP Elektronik (KTP-el)",
        priority_label="PRIORITAS: Lanjut usia (60+)",
        issued_date=clock.format_date(issued),
        issued_time=clock.format_time(issued),
        ahead=4,
        estimated_wait="± 25 menit",
        tracking_url=f"{tracking_base_url.rstrip('/')}/t/CONTOH-A001",
        footer=footer,
    )
