"""Queries on stored notice versions (maklumat pelayanan, facilities). Each takes the caller's
session; none commits."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Row, func, select
from sqlalchemy.orm import Session

from antrean.db.models import User
from antrean.db.publication_models import NoticeVersion


def history(session: Session, kind: str) -> Sequence[Row[NoticeVersion, str | None]]:
    """Every stored version of one kind of notice, newest first, with who saved it."""
    return session.execute(
        select(NoticeVersion, User.username)
        .outerjoin(User, User.id == NoticeVersion.created_by)
        .where(NoticeVersion.kind == kind).order_by(NoticeVersion.version.desc())
    ).all()


def latest_version(session: Session, kind: str) -> int:
    """The highest stored version number of one kind of notice; 0 when none is stored."""
    latest = session.scalar(select(func.max(NoticeVersion.version))
                            .where(NoticeVersion.kind == kind))
    return int(latest or 0)
