"""A version per piece of the screens' state, bumped in the transaction that changes it.

Keys name the pieces a screen keeps: "service:KTP", "counter:2", "calls" (recent calls) and
"running_text". Bumping upserts each row in key order and holds its lock until commit, so two
transactions that change one piece take their versions in commit order and the later one
computes the piece after the earlier one committed: a screen that keeps the highest version
of each piece converges on the database, whatever order the events reach it in. Versions only
grow, so their sum changes whenever anything a screen shows changed (the snapshot cache's
key).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from sqlalchemy import BigInteger, String, case, func, select, text
from sqlalchemy.orm import Mapped, Session, mapped_column

from antrean.db.models import Base


class ScreenVersion(Base):
    __tablename__ = "screen_versions"

    key: Mapped[str] = mapped_column(String(48), primary_key=True)
    version: Mapped[int] = mapped_column(BigInteger)


# The same text on SQLite (3.35+) and PostgreSQL; a plain statement costs little to run.
_BUMP = text(
    'INSERT INTO screen_versions ("key", version) VALUES (:key, 1) '
    'ON CONFLICT ("key") DO UPDATE SET version = screen_versions.version + 1 '
    "RETURNING version"
)


def bump(session: Session, keys: Iterable[str]) -> dict[str, int]:
    """The next version of each key, taken in sorted order (so never a deadlock)."""
    return {key: int(session.execute(_BUMP, {"key": key}).scalar_one())
            for key in sorted(set(keys))}


# The live set-up's version is one of the rows (setup_store), so a set-up edit moves the stamp.
SETUP_KEY = "setup"

_ALL = select(ScreenVersion.key, ScreenVersion.version)
# On the table's columns: a plain Core select, without the ORM's compile and result steps.
_COLUMNS = ScreenVersion.__table__.c
_STAMP = select(func.coalesce(func.sum(_COLUMNS.version), 0), func.count(),
                func.coalesce(func.max(case((_COLUMNS.key == SETUP_KEY, _COLUMNS.version))), 0))


class Stamp(NamedTuple):
    total: int  # the sum and count of all versions: any change moves one of them
    rows: int
    setup: int  # the live set-up's version, read in the same statement


def all_versions(session: Session) -> dict[str, int]:
    return {key: int(version) for key, version in session.execute(_ALL).all()}


def stamp(session: Session) -> Stamp:
    """Changes whenever any version does. Asked on every GET /services, /queue and screen
    connection, so the statement is built once; it carries the set-up's version, so such a
    read brings the set-up up to date with no statement of its own (Office.stamped_read)."""
    total, count, setup = session.execute(_STAMP).one()
    return Stamp(int(total), int(count), int(setup))
