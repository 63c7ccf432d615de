"""Per service: waiting count and whether numbers can be taken now, and if not, why."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from antrean.core.hours import ClosedState, closed_state
from antrean.db import queries
from antrean.usecases.context import Office
from antrean.usecases.queue.issuing import closed_message


def service_statuses(session: Session, office: Office) -> list[dict[str, Any]]:
    local_now = office.today()
    day = local_now.date()
    waiting = queries.waiting_counts(session, day)
    statuses = []
    for service in office.settings.services:
        issued = queries.issued_count(session, service.code, day)
        quota_left = None if service.daily_quota is None else max(service.daily_quota - issued, 0)
        hours_open = service.issuing_hours.is_open(local_now)
        closed = closed_state(service.issuing_hours, local_now)
        if not hours_open:
            reason = closed_message(service.name, service.issuing_hours, local_now)
        elif quota_left == 0:
            reason = "Kuota layanan hari ini sudah habis."
            closed = ClosedState("quota_full", "Kuota hari ini habis")
        else:
            reason = None
        today_hours = service.issuing_hours.range_on(local_now)
        statuses.append({
            "code": service.code,
            "name": service.name,
            "prefix": service.prefix,
            "waiting": waiting.get(service.code, 0),
            "issued_today": issued,
            "daily_quota": service.daily_quota,
            "quota_left": quota_left,
            "open": reason is None,
            "closed_reason": reason,
            # A short form for a kiosk button: why, and when numbers are issued again.
            "closed_code": closed.code if closed else None,
            "closed_label": closed.label if closed else None,
            "issuing_hours_today": today_hours.label() if today_hours else None,
            "target_wait_minutes": service.target_wait_minutes,
        })
    return statuses
