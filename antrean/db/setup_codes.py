"""The first run's set-up code (only its hash). Each takes the caller's session; none
commits."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from antrean.db.setup_models import SetupCode


def forget_all(session: Session) -> None:
    session.execute(delete(SetupCode))


def stored_for_update(session: Session) -> SetupCode | None:
    """The code, locked: two people typing it at once create one admin."""
    return session.scalar(select(SetupCode).with_for_update())
