"""The first run: while no admin exists, the person at the server's console creates one.

`run.py` issues a set-up code at start and prints it on the console; only its hash is kept.
Whoever types it on the set-up page creates the first admin, once: nobody else on the
network can take the office over before the admin is there.
"""

from __future__ import annotations

import hmac

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from antrean.core.access import Principal, Role
from antrean.core.errors import DomainError, ErrorKind, conflict
from antrean.core.one_time_codes import new_code, normalized
from antrean.core.passwords import hash_token
from antrean.db.models import User
from antrean.db.setup_models import SetupCode
from antrean.usecases.access.accounts import add_user
from antrean.usecases.context import Office


def needs_setup(office: Office) -> bool:
    """True while the office has no active admin."""
    with office.read_transaction() as session:
        return not _admin_exists(session)


def has_any_user(office: Office) -> bool:
    with office.read_transaction() as session:
        return session.scalar(select(User.id).limit(1)) is not None


def issue_setup_code(office: Office) -> str | None:
    """A new code replacing any earlier one; None once an admin exists (nothing to set up)."""
    code = new_code()
    with office.transaction() as session:
        session.execute(delete(SetupCode))
        if _admin_exists(session):
            return None
        session.add(SetupCode(code_hash=hash_token(code), created_at=office.now()))
    return code


def create_first_admin(office: Office, typed_code: object, username: str, password: str,
                       display_name: str = "") -> Principal:
    """Spend the set-up code and create the admin in one transaction: a wrong code, a weak
    password or a second person a moment later leaves everything as it was."""
    with office.transaction() as session:
        if _admin_exists(session):
            raise conflict("already_set_up", "Admin pertama sudah dibuat. Silakan masuk.")
        stored = session.scalar(select(SetupCode).with_for_update())
        typed = hash_token(normalized(typed_code)) if isinstance(typed_code, str) else ""
        # Both sides are hashes of equal length: the comparison takes the same time whatever
        # the typed code shares with the right one.
        if stored is None or not hmac.compare_digest(stored.code_hash, typed):
            raise DomainError(ErrorKind.UNAUTHORIZED, "invalid_setup_code",
                              "Kode penyiapan salah. Salin kode yang tampil di konsol server.")
        user = add_user(session, office, username, password, Role.ADMIN.value, display_name)
        session.delete(stored)
        return Principal(user.id, user.username, Role.ADMIN, user.display_name)


def _admin_exists(session: Session) -> bool:
    return session.scalar(select(User.id).where(User.role == Role.ADMIN.value,
                                                User.active.is_(True)).limit(1)) is not None
