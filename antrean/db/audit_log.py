"""Queries on the audit log. Each takes the caller's session; none commits."""

from __future__ import annotations

from sqlalchemy import Row, select
from sqlalchemy.orm import Session

from antrean.db.audit_models import AuditEntry
from antrean.db.models import User


def newest_entries(session: Session, limit: int) -> list[Row[AuditEntry, str | None]]:
    """Newest first, each with the username of who did it (None for a device or the system)."""
    return list(session.execute(
        select(AuditEntry, User.username)
        .outerjoin(User, User.id == AuditEntry.user_id)
        .order_by(AuditEntry.id.desc()).limit(limit)
    ).all())
