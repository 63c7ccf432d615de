"""Users, roles, passwords and bearer tokens."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from antrean.core.access import Principal, Role
from antrean.core.errors import DomainError, ErrorKind, conflict, invalid
from antrean.core.passwords import dummy_hash, hash_password, hash_token, verify_password
from antrean.db import user_queries
from antrean.db.models import ApiToken, User
from antrean.usecases.access import audit
from antrean.usecases.access.principal_cache import forget_principals, remembered
from antrean.usecases.access.tablets import revoke_pairings_of
from antrean.usecases.context import Office

MIN_PASSWORD_LENGTH = 8
MAX_DISPLAY_NAME = 128  # the width of users.display_name


def create_user(office: Office, username: str, password: str, role: str,
                display_name: str = "", actor_id: int | None = None,
                agency: str | None = None) -> Principal:
    with office.transaction() as session:
        return _principal(add_user(session, office, username, password, role, display_name,
                                   actor_id, agency))


def add_user(session: Session, office: Office, username: str, password: str, role: str,
             display_name: str = "", actor_id: int | None = None,
             agency: str | None = None) -> User:
    """Check and add a user inside the caller's transaction (the first admin's set-up shares
    it with spending the set-up code)."""
    username = username.strip()
    if not username or len(username) > 64 or not username.replace("_", "").replace(".", "")\
            .replace("-", "").isalnum():
        raise invalid("invalid_username", "Nama pengguna hanya huruf, angka, titik, - atau _.")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise invalid("weak_password",
                      f"Kata sandi paling sedikit {MIN_PASSWORD_LENGTH} karakter.")
    if role not in Role._value2member_map_:
        raise invalid("invalid_role", "Peran harus admin, petugas, kiosk atau display.")
    if len(display_name) > MAX_DISPLAY_NAME:
        raise invalid("display_name_too_long",
                      f"Nama tampilan paling panjang {MAX_DISPLAY_NAME} karakter.")
    check_agency(office, role, agency)
    if user_queries.user_named(session, username) is not None:
        raise conflict("username_taken", f"Nama pengguna '{username}' sudah dipakai.")
    user = User(username=username, display_name=display_name or username,
                password_hash=hash_password(password), role=Role(role), created_at=office.now(),
                agency=agency)
    session.add(user)
    session.flush()
    audit.record(session, office, audit.USER_CREATED, actor_id, target=f"user:{user.id}",
                 detail=f"{role} {username}" + (f" ({agency})" if agency else ""))
    return user


def check_agency(office: Office, role: str, agency: str | None) -> None:
    """A person's agency is one of the office's instansi; a single office names none, and a
    device never works for one."""
    if agency is None:
        return
    settings = office.settings
    if not settings.has_agencies:
        raise invalid("no_agencies", "Kantor ini tidak memiliki instansi; kosongkan instansi.")
    if role not in (Role.ADMIN, Role.PETUGAS):
        raise invalid("invalid_agency", "Hanya admin dan petugas yang terikat pada instansi.")
    if settings.agency(agency) is None:
        raise invalid("unknown_agency", f"Instansi '{agency}' tidak dikenal.")


def revoke_user_tokens(office: Office, user_id: int) -> int:
    """Revoke every bearer token of one user; returns how many were still valid."""
    with office.transaction() as session:
        rows = user_queries.live_tokens_of(session, user_id)
        for row in rows:
            row.revoked_at = office.now()
    forget_principals(office)
    return len(rows)


def login(office: Office, username: object, password: object, label: str = "login") -> str:
    """Check the password and hand out a new bearer token (shown once, stored hashed)."""
    principal = authenticate(office, username, password)
    assert principal.user_id is not None  # authenticate() only finds people, never devices
    return issue_token(office, principal.user_id, label)


def authenticate(office: Office, username: object, password: object) -> Principal:
    if not isinstance(username, str) or not isinstance(password, str):
        raise invalid("missing_credentials", "Isi nama pengguna dan kata sandi.")
    with office.read_transaction() as session:
        user = user_queries.user_named(session, username.strip())
        stored = user.password_hash if user is not None and user.active else None
        # Always one scrypt, so the answer's timing does not tell which usernames exist.
        matches = verify_password(password, stored or dummy_hash())
        if user is None or stored is None or not matches:
            raise DomainError(ErrorKind.UNAUTHORIZED, "invalid_credentials",
                              "Nama pengguna atau kata sandi salah.")
        return _principal(user)


def issue_token(office: Office, user_id: int, label: str) -> str:
    token = secrets.token_urlsafe(32)
    with office.transaction() as session:
        session.add(ApiToken(token_hash=hash_token(token), user_id=user_id, label=label[:64],
                             created_at=office.now()))
    return token


def principal_for_token(office: Office, token: str) -> Principal | None:
    digest = hash_token(token)

    def look_up() -> Principal | None:
        # Every authenticated request asks this: a read must not take SQLite's write lock.
        with office.read_transaction() as session:
            return user_for_token_hash(session, digest)
    return remembered(office, ("token", digest), look_up)


def user_for_token_hash(session: Session, token_hash: str) -> Principal | None:
    row = user_queries.active_user_for_token(session, token_hash)
    return Principal(row.id, row.username, row.role, row.display_name,
                     agency=row.agency) if row else None


def revoke_token(office: Office, token: str) -> None:
    with office.transaction() as session:
        row = user_queries.token_by_hash(session, hash_token(token))
        if row is not None and row.revoked_at is None:
            row.revoked_at = office.now()
    forget_principals(office)


def _principal(user: User) -> Principal:
    return Principal(user.id, user.username, user.role, user.display_name, agency=user.agency)


ROLE_LABELS = {Role.ADMIN: "Admin", Role.PETUGAS: "Petugas", Role.KIOSK: "Perangkat kios",
               Role.DISPLAY: "Perangkat layar TV"}


@dataclass(frozen=True)
class UserSummary:
    """A user as the admin's list shows it; never the password hash."""

    user_id: int
    username: str
    display_name: str
    role: Role
    role_label: str
    active: bool
    created_at: datetime
    agency: str | None = None  # None: the whole office


def list_users(office: Office, agency: str | None = None) -> list[UserSummary]:
    """Every account; with `agency` (an agency admin's scope), only that instansi's."""
    with office.transaction() as session:
        return [_summary(u) for u in user_queries.all_users(session, agency)]


def _summary(user: User) -> UserSummary:
    return UserSummary(user.id, user.username, user.display_name, user.role,
                       ROLE_LABELS[user.role], user.active, user.created_at, user.agency)


def deactivate_user(office: Office, user_id: int, acting_user_id: int | None) -> UserSummary:
    """Stops sign-in and every token of the user at once; the history keeps the name."""
    if user_id == acting_user_id:
        raise conflict("cannot_deactivate_self", "Anda tidak dapat menonaktifkan akun sendiri.")
    with office.transaction() as session:
        user = session.get(User, user_id)
        if user is None:
            raise DomainError(ErrorKind.NOT_FOUND, "user_not_found", "Pengguna tidak ditemukan.")
        if user.active:
            audit.record(session, office, audit.USER_DEACTIVATED, acting_user_id,
                         target=f"user:{user.id}", detail=user.username)
        user.active = False
        revoke_pairings_of(session, office, user.id)
        summary = _summary(user)
    forget_principals(office)
    return summary
