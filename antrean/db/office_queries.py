"""Reading and adding to the register of a deployment's offices."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from antrean.db.office_models import RegisteredOffice


def registered(session: Session) -> list[tuple[str, dict[str, Any]]]:
    """Every office's code and [[offices]] table, in the dashboard's order."""
    rows = session.execute(select(RegisteredOffice.code, RegisteredOffice.definition)
                           .order_by(RegisteredOffice.position, RegisteredOffice.code))
    return [(code, json.loads(definition)) for code, definition in rows]


def find(session: Session, code: str) -> dict[str, Any] | None:
    definition = session.scalar(select(RegisteredOffice.definition)
                                .where(RegisteredOffice.code == code))
    return json.loads(definition) if definition is not None else None


def register(session: Session, code: str, table: dict[str, Any], now: datetime) -> bool:
    """Add the office; False when another process registered that code first."""
    position = session.scalar(select(func.max(RegisteredOffice.position)))
    try:
        with session.begin_nested():
            session.add(RegisteredOffice(code=code, position=(position or 0) + 1,
                                         created_at=now,
                                         definition=json.dumps(table, ensure_ascii=False)))
    except IntegrityError:
        return False
    return True


def redefine(session: Session, code: str, table: dict[str, Any]) -> None:
    row = session.get(RegisteredOffice, code)
    if row is not None:
        row.definition = json.dumps(table, ensure_ascii=False)
