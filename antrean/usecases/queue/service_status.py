"""Per service: waiting count and whether numbers can be taken now, and if not, why."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from antrean.config import ServiceSettings
from antrean.core.hours import ClosedState, IssuingHours, closed_state
from antrean.db import booking_queries, queries
from antrean.usecases.context import Office
from antrean.usecases.shapes import ServiceStatus


def service_statuses(session: Session, office: Office) -> list[ServiceStatus]:
    """Every service, in two queries whatever their number."""
    local_now = office.today()
    day = local_now.date()
    waiting = queries.waiting_counts(session, day)
    issued = queries.issued_counts(session, day)
    checked_in = booking_queries.checked_in_counts(session, day)
    holiday = office.settings.calendar.holiday_on(day)
    return [service_status(service, local_now, waiting.get(service.code, 0),
                           issued.get(service.code, 0), checked_in.get(service.code, 0),
                           holiday.name if holiday else None)
            for service in office.settings.services]


def service_status_of(session: Session, office: Office, code: str, issued: int | None = None,
                      waiting: int | None = None) -> ServiceStatus:
    """One service, for the event that says it changed; `issued` and `waiting` when the
    caller has just counted them in the same transaction."""
    service = office.settings.service(code)
    assert service is not None
    local_now = office.today()
    day = local_now.date()
    if issued is None:
        issued = queries.issued_count(session, code, day)
    if waiting is None:
        waiting = queries.waiting_count(session, code, day)
    checked_in = booking_queries.checked_in_count(session, code, day) if service.booking else 0
    holiday = office.settings.calendar.holiday_on(day)
    return service_status(service, local_now, waiting, issued, checked_in,
                          holiday.name if holiday else None)


def service_status(service: ServiceSettings, local_now: datetime, waiting: int,
                   issued: int, checked_in: int = 0,
                   holiday: str | None = None) -> ServiceStatus:
    """`checked_in`: today's numbers that came from bookings, which use the online quota, not
    the walk-in `daily_quota`; `holiday`: the name of today's holiday, when it is one."""
    walk_ins = issued - checked_in
    quota_left = None if service.daily_quota is None \
        else max(service.daily_quota - walk_ins, 0)
    hours_open = service.issuing_hours.is_open(local_now)
    closed = closed_state(service.issuing_hours, local_now)
    if holiday is not None:
        reason = f"Kantor tutup hari ini ({holiday}). Layanan {service.name} tidak dibuka."
        closed = ClosedState("holiday", f"Libur: {holiday}")
    elif service.paused_reason:
        reason = paused_message(service)
        closed = ClosedState("paused", f"Tutup sementara: {service.paused_reason}")
    elif not hours_open:
        reason = closed_message(service.name, service.issuing_hours, local_now)
    elif quota_left == 0:
        reason = "Kuota layanan hari ini sudah habis."
        closed = ClosedState("quota_full", "Kuota hari ini habis")
    else:
        reason = None
    today_hours = service.issuing_hours.range_on(local_now)
    return {
        "code": service.code,
        "name": service.name,
        "prefix": service.prefix,
        "agency": service.agency,
        "waiting": waiting,
        "issued_today": issued,
        "daily_quota": service.daily_quota,
        "quota_left": quota_left,
        "waiting_label": waiting_label(waiting, quota_left),
        "open": reason is None,
        "closed_reason": reason,
        # A short form for a kiosk button: why, and when numbers are issued again.
        "closed_code": closed.code if closed else None,
        "closed_label": closed.label if closed else None,
        "issuing_hours_today": today_hours.label() if today_hours else None,
        "target_wait_minutes": service.target_wait_minutes,
        "paused_reason": service.paused_reason or None,
        "extra_quota_today": service.extra_quota_today,
    }


def paused_message(service: ServiceSettings) -> str:
    return (f"Layanan {service.name} ditutup sementara: {service.paused_reason}. "
            "Nomor yang sudah diambil tetap dilayani.")


QUOTA_SHOWN_FROM = 10  # a kiosk says how many numbers are left once this few remain


def waiting_label(waiting: int, quota_left: int | None) -> str:
    """How a kiosk button reads: "3 orang menunggu · sisa kuota 5"."""
    label = f"{waiting} orang menunggu" if waiting else "Tidak ada antrean"
    if quota_left is not None and quota_left <= QUOTA_SHOWN_FROM:
        label += f" · sisa kuota {quota_left}"
    return label


def closed_message(service_name: str, hours: IssuingHours, local_now: datetime) -> str:
    today = hours.range_on(local_now)
    if today is None:
        return f"Pengambilan nomor {service_name} tidak dibuka hari ini."
    return (f"Pengambilan nomor {service_name} hanya pukul {today.label()}. "
            "Silakan datang kembali pada jam layanan.")
