"""The audit log: who did which admin action or out-of-order call, and when."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from antrean.db import audit_log
from antrean.db.audit_models import AuditEntry
from antrean.usecases.context import Office

USER_CREATED = "user_created"
USER_DEACTIVATED = "user_deactivated"
RUNNING_TEXT_CHANGED = "running_text_changed"
DEVICE_CREATED = "device_created"
DEVICE_REVOKED = "device_revoked"
TABLET_PAIRED = "tablet_paired"
TABLET_LINK_CREATED = "tablet_link_created"
TABLET_REVOKED = "tablet_revoked"
PAIRING_LINK_CREATED = "pairing_link_created"
PAIRING_LINK_CANCELLED = "pairing_link_cancelled"
CALLED_OUT_OF_ORDER = "called_out_of_order"
PRIORITY_CONFIRMED = "priority_confirmed"
PRIORITY_REMOVED = "priority_removed"
COUNTER_RELEASED = "counter_released"
DEVICE_ZONE_CHANGED = "device_zone_changed"
# The deployment's admin changed something in an office: the account lives in the root
# office's database, so the office's own entry of that action names no user; this one does.
DEPLOYMENT_ADMIN_ACTED = "deployment_admin_acted"


def record(session: Session, office: Office, action: str, user_id: int | None,
           target: str = "", detail: str = "") -> None:
    """Add an entry inside the caller's transaction: it is kept exactly when the action is."""
    session.add(AuditEntry(at=office.now(), user_id=user_id, action=action,
                           target=target[:128], detail=detail))


def record_deployment_admin(office: Office, username: str, request_line: str) -> None:
    """Note that the deployment's admin `username` made this change in the office."""
    with office.transaction() as session:
        record(session, office, DEPLOYMENT_ADMIN_ACTED, None, username, request_line[:500])


def recent_entries(office: Office, limit: int = 200) -> list[dict[str, Any]]:
    with office.transaction() as session:
        return [_entry_view(entry, username)
                for entry, username in audit_log.newest_entries(session, limit)]


def _entry_view(entry: AuditEntry, username: str | None) -> dict[str, Any]:
    return {
        "id": entry.id, "at": entry.at.isoformat(), "action": entry.action,
        "user": username, "target": entry.target, "detail": entry.detail,
    }
