"""Queries on stored service-standard versions. Each takes the caller's session; none
commits."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Row, func, select
from sqlalchemy.orm import Session

from antrean.db.models import User
from antrean.db.standard_models import StandardVersion


def latest_per_service(session: Session) -> Sequence[Row[StandardVersion, str | None]]:
    """The highest stored version of each service, with the username of who saved it."""
    latest = (select(StandardVersion.service_code,
                     func.max(StandardVersion.version).label("version"))
              .group_by(StandardVersion.service_code).subquery())
    return session.execute(
        select(StandardVersion, User.username)
        .join(latest, (latest.c.service_code == StandardVersion.service_code)
              & (latest.c.version == StandardVersion.version))
        .outerjoin(User, User.id == StandardVersion.created_by)
    ).all()


def history(session: Session, service_code: str) -> Sequence[Row[StandardVersion, str | None]]:
    """Every stored version of one service, newest first, with who saved it."""
    return session.execute(
        select(StandardVersion, User.username)
        .outerjoin(User, User.id == StandardVersion.created_by)
        .where(StandardVersion.service_code == service_code)
        .order_by(StandardVersion.version.desc())
    ).all()


def latest_version(session: Session, service_code: str) -> int:
    """The highest stored version number of one service; 0 when none is stored."""
    latest = session.scalar(select(func.max(StandardVersion.version))
                            .where(StandardVersion.service_code == service_code))
    return int(latest or 0)
