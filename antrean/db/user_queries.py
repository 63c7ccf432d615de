"""Queries on staff accounts and their bearer tokens. Each takes the caller's session; none
commits."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from sqlalchemy import Row, select
from sqlalchemy.orm import Session

from antrean.core.access import Role
from antrean.db.models import ApiToken, User


def user_named(session: Session, username: str) -> User | None:
    return session.scalar(select(User).where(User.username == username))


def all_users(session: Session, agency: str | None = None) -> Sequence[User]:
    """Active accounts first, then by name: the admin's list; with `agency`, only the
    accounts of that instansi."""
    query = select(User).order_by(User.active.desc(), User.username)
    if agency is not None:
        query = query.where(User.agency == agency)
    return session.scalars(query).all()


def display_names(session: Session) -> dict[int, str]:
    rows = session.execute(select(User.id, User.display_name)).all()
    return {user_id: name for user_id, name in rows}


def live_tokens_of(session: Session, user_id: int) -> Sequence[ApiToken]:
    return session.scalars(select(ApiToken).where(ApiToken.user_id == user_id,
                                                  ApiToken.revoked_at.is_(None))).all()


def token_by_hash(session: Session, token_hash: str) -> ApiToken | None:
    return session.scalar(select(ApiToken).where(ApiToken.token_hash == token_hash))


def active_user_for_token(session: Session,
                          token_hash: str) -> Row[int, str, str, str, str | None] | None:
    """One indexed query, no objects loaded: it runs on every authenticated request."""
    return session.execute(
        select(User.id, User.username, User.role, User.display_name, User.agency)
        .join(ApiToken, ApiToken.user_id == User.id)
        .where(ApiToken.token_hash == token_hash, ApiToken.revoked_at.is_(None),
               User.active.is_(True))
    ).first()


def any_user(session: Session) -> bool:
    return session.scalar(select(User.id).limit(1)) is not None


def active_admin_exists(session: Session) -> bool:
    return session.scalar(select(User.id).where(User.role == Role.ADMIN,
                                                User.active.is_(True)).limit(1)) is not None


def active_users_by_token_hash(session: Session,
                               token_hashes: Collection[str]) -> dict[str, int]:
    """Of these token hashes, those not revoked whose user is active, each with its user's
    id (the connection sweep asks for all of an office's staff screens in one statement)."""
    rows = session.execute(
        select(ApiToken.token_hash, User.id).join(User, ApiToken.user_id == User.id)
        .where(ApiToken.token_hash.in_(token_hashes), ApiToken.revoked_at.is_(None),
               User.active.is_(True)))
    return {token_hash: user_id for token_hash, user_id in rows}
