"""Lobby TVs and kiosks: created by an admin, identified by a token shown once, revocable."""

from __future__ import annotations

import re
import secrets
from typing import TypedDict

from sqlalchemy.orm import Session

from antrean.core.access import Principal, Role
from antrean.core.errors import invalid, not_found
from antrean.core.passwords import hash_token
from antrean.db import device_queries
from antrean.db.device_models import Device
from antrean.usecases.access import audit
from antrean.usecases.access.accounts import user_for_token_hash
from antrean.usecases.access.principal_cache import forget_principals, remembered
from antrean.usecases.context import Office
from antrean.usecases.events import EventKind, QueueEvent

DEVICE_ROLES = (Role.DISPLAY, Role.KIOSK)
_PUBLIC_URL = re.compile(r"https?://[A-Za-z0-9.\-\[\]:]+(/[!-~]*)?")


DEVICE_ADDRESSES = "device_public_urls"  # office.memo key: device id -> its QR address


class DeviceView(TypedDict):
    """A device as the admin's pages and /api/v1/devices show it: never its token."""

    id: int
    name: str
    role: str  # a Role value: display or kiosk
    public_url: str  # a kiosk's address for its QR codes; "" when none
    zone: str | None  # a TV's zone; None: the whole office
    agencies: list[str] | None  # a kiosk's agencies in an MPP; None: every agency
    created_at: str
    revoked_at: str | None


def parse_public_url(value: object) -> str:
    """A kiosk's address for phones, as "http://192.168.1.10:5000"; "" when none is given."""
    if value is None or value == "":
        return ""
    text = value.strip() if isinstance(value, str) else ""
    if len(text) > 200 or not _PUBLIC_URL.fullmatch(text) or "?" in text or "#" in text:
        raise invalid("invalid_public_url", "Alamat untuk kode QR harus diawali http:// atau "
                      "https://, misalnya http://192.168.1.10:5000.")
    return text.rstrip("/")


def create_device(office: Office, name: object, role: object,
                  actor_id: int | None = None, public_url: object = "",
                  agencies: list[str] | None = None,
                  zone: object = None) -> tuple[DeviceView, str]:
    """The new device and its token; only the token's hash is kept, so it is shown once. A
    TV may be bound to a zone at once (None: the whole office)."""
    if not isinstance(name, str) or not name.strip() or len(name.strip()) > 64:
        raise invalid("invalid_device_name", "Nama perangkat wajib diisi (paling banyak 64 "
                      "karakter).")
    if role not in [r.value for r in DEVICE_ROLES]:
        raise invalid("invalid_device_role", "Jenis perangkat harus display atau kiosk.")
    address = parse_public_url(public_url)
    bound = parse_zone(office, role, zone)
    token = secrets.token_urlsafe(32)
    with office.transaction() as session:
        device = add_device(session, office, name.strip(), str(role), token, actor_id)
        device.public_url, device.zone = address or None, bound
        device.agencies = agencies if role == Role.KIOSK else None
        return device_view(device), token


def add_device(session: Session, office: Office, name: str, role: str, token: str,
               actor_id: int | None) -> Device:
    """Add a checked device inside the caller's transaction (a pairing link spends itself in
    the same one)."""
    device = Device(name=name, role=role, token_hash=hash_token(token), created_at=office.now())
    session.add(device)
    session.flush()
    audit.record(session, office, audit.DEVICE_CREATED, actor_id,
                 target=f"device:{device.id}", detail=f"{device.role} {device.name}")
    return device


def list_devices(office: Office) -> list[DeviceView]:
    with office.transaction() as session:
        return [device_view(d) for d in device_queries.all_devices(session)]


def revoke_device(office: Office, device_id: int, actor_id: int | None) -> DeviceView:
    with office.transaction() as session:
        device = session.get(Device, device_id)
        if device is None:
            raise not_found("unknown_device", "Perangkat tidak ditemukan.")
        if device.revoked_at is None:
            device.revoked_at = office.now()
            audit.record(session, office, audit.DEVICE_REVOKED, actor_id,
                         target=f"device:{device.id}", detail=f"{device.role} {device.name}")
        view = device_view(device)
    forget_principals(office)
    return view


def device_for_token(office: Office, token: str) -> Principal | None:
    with office.read_transaction() as session:
        return _device_for_token_hash(session, hash_token(token))


def principal_for_bearer_token(office: Office, token: str) -> Principal | None:
    """A user's API token or a device's token, in one read transaction (every kiosk ticket
    and every screen connection asks this)."""
    digest = hash_token(token)

    def look_up() -> Principal | None:
        with office.read_transaction() as session:
            return user_for_token_hash(session, digest) or _device_for_token_hash(session,
                                                                                   digest)
    return remembered(office, ("bearer", digest), look_up)


def _device_for_token_hash(session: Session, token_hash: str) -> Principal | None:
    row = device_queries.live_device_for_token(session, token_hash)
    if row is None:
        return None
    return Principal(user_id=None, username=f"device:{row.id}", role=row.role,
                     display_name=row.name, device_id=row.id)


def principal_for_device(office: Office, device_id: int) -> Principal | None:
    def look_up() -> Principal | None:
        with office.read_transaction() as session:
            device = session.get(Device, device_id)
            return _principal(device) if device is not None and device.revoked_at is None \
                else None
    return remembered(office, ("device", device_id), look_up)


def device_public_url(office: Office, device_id: int) -> str:
    """The address a kiosk device prints in its QR codes, "" when it has none.

    It is set when the device is made and never changes, so each process reads it once: a
    read per kiosk ticket was a sixth of the ticket's server time (bench.hot_path profile).
    """
    addresses: dict[int, str] = office.memo.setdefault(DEVICE_ADDRESSES, {})
    if device_id not in addresses:
        with office.read_transaction() as session:
            addresses[device_id] = device_queries.public_url_of(session, device_id) or ""
    return addresses[device_id]


def parse_zone(office: Office, role: object, zone: object) -> str | None:
    """A TV's zone as chosen in a form or the API: "" or None is the whole office."""
    if zone is None or zone == "":
        return None
    if role != Role.DISPLAY:
        raise invalid("zone_for_tv_only", "Zona hanya untuk layar TV.")
    if not isinstance(zone, str) or office.settings.zone(zone) is None:
        raise invalid("unknown_zone", "Zona tidak dikenal; pilih salah satu zona yang ada.")
    return zone


def set_device_zone(office: Office, device_id: int, zone: object,
                    actor_id: int | None = None) -> DeviceView:
    """Move a TV to a zone (None or "": the whole office); its open page loads again."""
    with office.transaction() as session:
        device = session.get(Device, device_id)
        if device is None or device.revoked_at is not None:
            raise not_found("unknown_device", "Perangkat tidak ditemukan.")
        before, device.zone = device.zone, parse_zone(office, device.role, zone)
        if before != device.zone:
            audit.record(session, office, audit.DEVICE_ZONE_CHANGED, actor_id,
                         target=f"device:{device.id}",
                         detail=f"{device.name}: {before or 'seluruh kantor'} -> "
                                f"{device.zone or 'seluruh kantor'}")
        view = device_view(device)
    if before != view["zone"]:
        office.publish([QueueEvent(EventKind.DEVICE, extra={"device": device_id})])
    return view


def display_zone(office: Office, device_id: int) -> str | None:
    """The zone a TV shows, when it has one that still exists (asked as it connects)."""
    with office.read_transaction() as session:
        zone = device_queries.zone_of(session, device_id)
    return zone if zone is not None and office.settings.zone(zone) is not None else None


def device_view(device: Device) -> DeviceView:
    return {
        "id": device.id, "name": device.name, "role": device.role,
        "public_url": device.public_url or "", "zone": device.zone,
        "agencies": device.agencies or None,
        "created_at": device.created_at.isoformat(),
        "revoked_at": device.revoked_at.isoformat() if device.revoked_at else None,
    }


def _principal(device: Device) -> Principal:
    return Principal(user_id=None, username=f"device:{device.id}", role=device.role,
                     display_name=device.name, device_id=device.id)
