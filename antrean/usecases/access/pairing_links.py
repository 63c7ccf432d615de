"""Pairing a TV or kiosk with one click: the admin gets a short link (and its QR code) that
pairs the one browser that opens it, once, within a few minutes."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from antrean.core.access import Principal, Role
from antrean.core.errors import DomainError, ErrorKind, invalid, not_found
from antrean.core.one_time_codes import new_code, normalized
from antrean.core.passwords import hash_token
from antrean.db import device_queries, pairing_queries
from antrean.db.pairing_models import PairingLink
from antrean.usecases.access import audit
from antrean.usecases.access.devices import DEVICE_ROLES, add_device, parse_zone
from antrean.usecases.context import Office

VALID_MINUTES = 15
DEFAULT_NAMES = {Role.KIOSK: "Kios", Role.DISPLAY: "Layar TV"}


@dataclass(frozen=True)
class PendingLink:
    """A link not used, cancelled or expired yet; never its code (only the hash is kept)."""

    link_id: int
    role: Role
    name: str
    expires_at: datetime
    zone: str | None = None


def create_pairing_link(office: Office, role: str, name: str = "",
                        actor_id: int | None = None,
                        agencies: list[str] | None = None,
                        zone: str | None = None) -> tuple[PendingLink, str]:
    """A new link and its code, shown to the admin this once. Without a name the device is
    numbered: "Kios 2". `agencies`: the kiosk's, as chosen_agencies checked them. A TV's link
    carries its zone (None: the whole office)."""
    if role not in {r.value for r in DEVICE_ROLES}:
        raise invalid("invalid_device_role", "Pilih kios atau layar TV.")
    name = name.strip()
    if len(name) > 64:
        raise invalid("invalid_device_name", "Nama perangkat paling banyak 64 karakter.")
    code = new_code()
    with office.transaction() as session:
        link = PairingLink(role=role, name=name or _next_name(session, office, Role(role)),
                           code_hash=hash_token(code), created_at=office.now(),
                           expires_at=office.now() + timedelta(minutes=VALID_MINUTES),
                           created_by=actor_id, zone=parse_zone(office, role, zone),
                           agencies=agencies if role == Role.KIOSK else None)
        session.add(link)
        session.flush()
        audit.record(session, office, audit.PAIRING_LINK_CREATED, actor_id,
                     target=f"pairing_link:{link.id}", detail=f"{link.role} {link.name}")
        return _pending(link), code


def pending_links(office: Office) -> list[PendingLink]:
    with office.read_transaction() as session:
        return [_pending(link) for link in pairing_queries.open_links(session, office.now())]


def cancel_pairing_link(office: Office, link_id: int, actor_id: int | None) -> PendingLink:
    with office.transaction() as session:
        link = session.get(PairingLink, link_id)
        if link is None:
            raise not_found("unknown_pairing_link", "Tautan pemasangan tidak ditemukan.")
        if link.used_at is None and link.cancelled_at is None:
            link.cancelled_at = office.now()
            audit.record(session, office, audit.PAIRING_LINK_CANCELLED, actor_id,
                         target=f"pairing_link:{link.id}", detail=f"{link.role} {link.name}")
        return _pending(link)


def link_for_code(office: Office, code: str) -> PendingLink:
    """What the link would pair, before the person on the device confirms."""
    with office.read_transaction() as session:
        return _pending(_usable_link(session, office, code))


def pair_with_code(office: Office, code: str) -> Principal:
    """Spend the link and create its device, in one transaction: two browsers opening the
    same link a moment apart pair one device."""
    with office.transaction() as session:
        link = _usable_link(session, office, code, for_update=True)
        device = add_device(session, office, link.name, link.role, secrets.token_urlsafe(32),
                            link.created_by)
        link.used_at, link.device_id = office.now(), device.id
        device.agencies = link.agencies
        device.zone = link.zone
        return Principal(user_id=None, username=f"device:{device.id}", role=Role(device.role),
                         display_name=device.name, device_id=device.id)


def _usable_link(session: Session, office: Office, code: str,
                 for_update: bool = False) -> PairingLink:
    link = pairing_queries.open_link_by_hash(session, hash_token(normalized(code)), office.now(),
                                             for_update)
    if link is None:
        raise DomainError(ErrorKind.UNAUTHORIZED, "invalid_pairing_link",
                          "Tautan pemasangan tidak berlaku: sudah dipakai, dibatalkan, atau "
                          f"lewat {VALID_MINUTES} menit. Minta admin membuat tautan baru.")
    return link


def _next_name(session: Session, office: Office, role: Role) -> str:
    devices = device_queries.count_with_role(session, role)
    waiting = pairing_queries.open_link_count(session, role, office.now())
    return f"{DEFAULT_NAMES[role]} {devices + waiting + 1}"


def _pending(link: PairingLink) -> PendingLink:
    return PendingLink(link.id, Role(link.role), link.name, link.expires_at, link.zone)
