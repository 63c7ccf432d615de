"""Checking a self-declared priority: a greeter or the calling petugas confirms or removes it.

A kiosk cannot verify that someone is 60+, pregnant or disabled (UU 25/2009 art. 29); a person
can. A removed priority queues as a regular ticket in its place by issue time.
"""

from __future__ import annotations

from enum import StrEnum

from antrean.core.errors import DomainError, conflict, invalid
from antrean.core.ticket import TicketStatus


class PriorityCheck(StrEnum):
    PENDING = "pending"  # claimed where the office wants a greeter to confirm it first
    CONFIRMED = "confirmed"
    REMOVED = "removed"


PRIORITY_CHECK_LABELS = {
    PriorityCheck.PENDING: "Menunggu konfirmasi petugas",
    PriorityCheck.CONFIRMED: "Dikonfirmasi petugas",
    PriorityCheck.REMOVED: "Dicabut petugas",
}
# A greeter checks a waiting ticket; the petugas checks the ticket they have just called.
CHECKABLE_STATUSES = frozenset({TicketStatus.WAITING, TicketStatus.TRANSFERRED,
                                TicketStatus.CALLED})
MAX_REASON = 200


def check_can_decide(priority: str | None, status: TicketStatus,
                     current: str | None) -> None:
    """Refuse a decision on a regular ticket, a decided one, or one out of the queue."""
    if not priority:
        raise invalid("not_priority", "Tiket ini bukan tiket prioritas.")
    if current in (PriorityCheck.CONFIRMED, PriorityCheck.REMOVED):
        raise conflict("priority_decided", "Prioritas tiket ini sudah diputuskan.")
    if status not in CHECKABLE_STATUSES:
        raise conflict("priority_not_checkable",
                       "Prioritas hanya dapat diperiksa selagi tiket menunggu atau dipanggil.")


def can_decide(priority: str | None, status: TicketStatus, current: str | None) -> bool:
    try:
        check_can_decide(priority, status, current)
    except DomainError:
        return False
    return True


def removal_reason(value: object) -> str:
    """The reason a priority is removed: required, kept in the audit log."""
    reason = " ".join(value.split()) if isinstance(value, str) else ""
    if len(reason) < 3:
        raise invalid("reason_required", "Tuliskan alasan prioritas dicabut.")
    if len(reason) > MAX_REASON:
        raise invalid("reason_too_long", f"Alasan paling panjang {MAX_REASON} karakter.")
    return reason
