"""Rules for changing the office's set-up while it runs (services, counters, quotas)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta

from antrean.core.errors import conflict, invalid

MAX_PAUSE_REASON = 200
MAX_EXTRA_QUOTA = 10_000


def prefix_takes_effect(today: date) -> date:
    """A new prefix starts with the next office-local day: today's numbers keep theirs, so
    no two tickets of one day share a number or a citizen sees the letters change."""
    return today + timedelta(days=1)


def prefix_on(day: date, prefix: str, previous: str | None, effective_from: date | None) -> str:
    if previous and effective_from is not None and day < effective_from:
        return previous
    return prefix


def services_dropped(before: Iterable[str], after: Iterable[str] | None) -> set[str]:
    """The services a loket stops calling: all of them when it is removed (`after` None)."""
    return set(before) - set(after or ())


def hands_back(ticket_service: str, kept_services: Iterable[str] | None) -> bool:
    """A loket removed, or no longer serving its current ticket's service, returns that ticket
    to the queue (at its old place) for another loket to call."""
    return kept_services is None or ticket_service not in set(kept_services)


def quota_closes_today(daily_quota: int | None, issued_today: int) -> bool:
    """A quota lowered to today's count or below closes the service for the rest of the day;
    the numbers already taken are served."""
    return daily_quota is not None and issued_today >= daily_quota


def pause_reason(text: object) -> str:
    """'Tutup layanan sementara' needs a reason the kiosk and the TV show."""
    reason = " ".join(text.split()) if isinstance(text, str) else ""
    if not reason or len(reason) > MAX_PAUSE_REASON:
        raise invalid("invalid_pause_reason", "Tuliskan alasan penutupan sementara (paling "
                      f"banyak {MAX_PAUSE_REASON} karakter); alasan ini tampil di kiosk dan TV.")
    return reason


def extra_quota(amount: object, daily_quota: int | None) -> int:
    if daily_quota is None:
        raise invalid("no_quota", "Layanan ini tidak memakai kuota harian, jadi tidak perlu "
                      "ditambah.")
    if isinstance(amount, str) and amount.strip().isdigit():
        amount = int(amount.strip())
    if not isinstance(amount, int) or isinstance(amount, bool) \
            or not 1 <= amount <= MAX_EXTRA_QUOTA:
        raise invalid("invalid_extra_quota", "Tambahan kuota harus bilangan bulat antara 1 dan "
                      f"{MAX_EXTRA_QUOTA}.")
    return amount


def next_counter_number(existing: Iterable[int]) -> int:
    taken = set(existing)
    return next(number for number in range(1, 1000) if number not in taken)


def refuse_removing_agency(short_name: str, services: Sequence[str]) -> None:
    """An instansi goes only once it has no layanan: its tickets, counters and reports would
    otherwise point at nothing."""
    if services:
        listed = ", ".join(services[:5]) + (f" dan {len(services) - 5} lainnya"
                                            if len(services) > 5 else "")
        raise conflict("agency_has_services",
                       f"Instansi {short_name} masih memiliki {len(services)} layanan "
                       f"({listed}). Pindahkan layanan tersebut ke instansi lain dulu, "
                       "lalu hapus instansinya.")
