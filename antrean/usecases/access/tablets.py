"""Survey tablets at a loket: paired by a petugas on the spot or by a one-time link from the
admin, listed and revocable in /admin. A pairing holds while it is not revoked and the person
who made it is still active: deactivating a petugas ends every tablet they paired."""

from __future__ import annotations

import secrets
from datetime import timedelta
from typing import Any

from sqlalchemy.orm import Session

from antrean.core.errors import invalid, not_found, refused
from antrean.core.passwords import hash_token
from antrean.db import tablet_queries
from antrean.db.device_models import TabletPairing
from antrean.usecases.access import audit
from antrean.usecases.access.principal_cache import forget_principals
from antrean.usecases.context import Office

LINK_MINUTES = 30


def pair_tablet(office: Office, counter: int, user_id: int) -> int:
    """The petugas signed in on the tablet pairs it for `counter`; returns the pairing id."""
    with office.transaction() as session:
        pairing = TabletPairing(counter=counter, created_by=user_id, created_at=office.now(),
                                paired_at=office.now())
        session.add(pairing)
        session.flush()
        audit.record(session, office, audit.TABLET_PAIRED, user_id,
                     target=f"tablet:{pairing.id}", detail=f"loket {counter}")
        return pairing.id


def create_tablet_link(office: Office, counter: int, actor_id: int) -> str:
    """A secret for a pairing link: it pairs one browser within LINK_MINUTES."""
    _check_counter(office, counter)
    secret = secrets.token_urlsafe(24)
    with office.transaction() as session:
        pairing = TabletPairing(counter=counter, created_by=actor_id, created_at=office.now(),
                                link_hash=hash_token(secret),
                                link_expires_at=office.now() + timedelta(minutes=LINK_MINUTES))
        session.add(pairing)
        session.flush()
        audit.record(session, office, audit.TABLET_LINK_CREATED, actor_id,
                     target=f"tablet:{pairing.id}", detail=f"loket {counter}")
    return secret


def redeem_tablet_link(office: Office, secret: str) -> tuple[int, int]:
    """Pair the browser that opened the link: (pairing id, loket). The link is spent."""
    with office.transaction() as session:
        pairing = tablet_queries.by_link_hash(session, hash_token(secret))
        if pairing is None or pairing.revoked_at is not None or pairing.paired_at is not None:
            raise refused("tablet_link_used", "Tautan pemasangan tablet sudah dipakai atau "
                          "dicabut. Minta admin membuat tautan baru.")
        if pairing.link_expires_at is None or pairing.link_expires_at <= office.now():
            raise refused("tablet_link_expired", "Tautan pemasangan tablet sudah kedaluwarsa. "
                          "Minta admin membuat tautan baru.")
        pairing.paired_at = office.now()
        pairing.link_hash = None  # one browser only
        return pairing.id, pairing.counter


def paired_counter(office: Office, pairing_id: object) -> int | None:
    """The loket of a live pairing, or None once it is revoked or its maker deactivated."""
    if not isinstance(pairing_id, int) or not 0 < pairing_id < 2**31:
        return None
    with office.read_transaction() as session:
        return tablet_queries.live_counter(session, pairing_id)


def list_tablet_pairings(office: Office) -> list[dict[str, Any]]:
    """Live pairings and unspent links, oldest first."""
    with office.read_transaction() as session:
        rows = tablet_queries.unrevoked_with_maker(session)
        now = office.now()
        return [_view(pairing, name) for pairing, name in rows
                if pairing.paired_at is not None
                or (pairing.link_expires_at is not None and pairing.link_expires_at > now)]


def revoke_tablet_pairing(office: Office, pairing_id: int, actor_id: int | None) -> int:
    """Revoke one pairing; returns its loket."""
    with office.transaction() as session:
        pairing = session.get(TabletPairing, pairing_id)
        if pairing is None:
            raise not_found("unknown_tablet", "Tablet survei tidak ditemukan.")
        if pairing.revoked_at is None:
            pairing.revoked_at = office.now()
            pairing.link_hash = None
            audit.record(session, office, audit.TABLET_REVOKED, actor_id,
                         target=f"tablet:{pairing.id}", detail=f"loket {pairing.counter}")
        counter = pairing.counter
    forget_principals(office)
    return counter


def revoke_pairings_of(session: Session, office: Office, user_id: int) -> None:
    """Inside the deactivation's transaction: the person's tablets go with them."""
    tablet_queries.revoke_made_by(session, user_id, office.now())


def _check_counter(office: Office, counter: int) -> None:
    if office.settings.counter(counter) is None:
        raise invalid("counter_not_found", "Loket tidak dikenal.")


def _view(pairing: TabletPairing, maker: str) -> dict[str, Any]:
    return {"id": pairing.id, "counter": pairing.counter, "created_by": maker,
            "created_at": pairing.created_at.isoformat(),
            "paired_at": pairing.paired_at.isoformat() if pairing.paired_at else None,
            "link_expires_at": pairing.link_expires_at.isoformat()
            if pairing.paired_at is None and pairing.link_expires_at else None}
