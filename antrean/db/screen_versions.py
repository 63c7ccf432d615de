"""A version per piece of the screens' state, bumped in the transaction that changes it.

Keys name the pieces a screen keeps: "service:KTP", "counter:2", "calls" (recent calls) and
"running_text". Bumping upserts the row and holds its lock until commit, so two transactions
that change one piece take their versions in commit order and the later one computes the
piece after the earlier one committed: a screen that keeps the highest version of each piece
converges on the database, whatever order the events reach it in. Versions only grow, so
their sum changes whenever anything a screen shows changed (the snapshot cache's key).
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import BigInteger, String, func, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Mapped, Session, mapped_column

from antrean.db.models import Base


class ScreenVersion(Base):
    __tablename__ = "screen_versions"

    key: Mapped[str] = mapped_column(String(48), primary_key=True)
    version: Mapped[int] = mapped_column(BigInteger)


def bump(session: Session, keys: Iterable[str]) -> dict[str, int]:
    """The next version of each key, taken in one statement in sorted order (no deadlock)."""
    ordered = sorted(set(keys))
    if not ordered:
        return {}
    dialect = session.get_bind().dialect.name
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    statement = insert(ScreenVersion).values([{"key": key, "version": 1} for key in ordered])
    statement = statement.on_conflict_do_update(
        index_elements=["key"], set_={"version": ScreenVersion.version + 1},
    ).returning(ScreenVersion.key, ScreenVersion.version)
    return {key: int(version) for key, version in session.execute(statement).all()}


def all_versions(session: Session) -> dict[str, int]:
    return {key: int(version) for key, version in
            session.execute(select(ScreenVersion.key, ScreenVersion.version)).all()}


def stamp(session: Session) -> tuple[int, int]:
    """Changes whenever any version does: (sum, count) of all versions."""
    total, count = session.execute(
        select(func.coalesce(func.sum(ScreenVersion.version), 0), func.count())
    ).one()
    return int(total), int(count)
