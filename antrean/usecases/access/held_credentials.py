"""Which of the credentials live connections were opened with still hold, asked for many at
once: the connection sweep checks all of an office's screens in one read transaction (a
statement per kind of credential present), not one look-up per screen.

The rules are those of the single look-ups: a bearer token holds while it is a live device's
or an active user's unrevoked token (devices.principal_for_bearer_token), a staff session
while its web token is unrevoked and still its user's (accounts.principal_for_token), a
device session while its device is not revoked (devices.principal_for_device), a tablet
while its pairing is live (tablets.paired_counter).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

from antrean.core.passwords import hash_token
from antrean.db import device_queries, tablet_queries, user_queries
from antrean.usecases.context import Office

MAX_PAIRING_ID = 2**31  # ids outside the column's range hold nothing (tablets.paired_counter)


@dataclass(frozen=True)
class BearerToken:
    token_hash: str


@dataclass(frozen=True)
class StaffSession:
    token_hash: str
    user_id: int


@dataclass(frozen=True)
class DeviceSession:
    device_id: int


@dataclass(frozen=True)
class TabletPairing:
    pairing_id: int


Credential = BearerToken | StaffSession | DeviceSession | TabletPairing


def bearer_token(token: str) -> BearerToken:
    return BearerToken(hash_token(token))


def staff_session(web_token: str, user_id: int) -> StaffSession:
    return StaffSession(hash_token(web_token), user_id)


@dataclass
class Found:
    """What the database holds for the credentials asked about."""
    device_tokens: set[str] = field(default_factory=set)  # hashes of live devices' tokens
    user_tokens: dict[str, int] = field(default_factory=dict)  # hash -> its active user
    devices: set[int] = field(default_factory=set)  # live device ids
    pairings: set[int] = field(default_factory=set)  # live pairing ids


def holds(credential: Credential, found: Found) -> bool:
    match credential:
        case BearerToken(token_hash):
            return token_hash in found.device_tokens or token_hash in found.user_tokens
        case StaffSession(token_hash, user_id):
            return found.user_tokens.get(token_hash) == user_id
        case DeviceSession(device_id):
            return device_id in found.devices
        case TabletPairing(pairing_id):
            return pairing_id in found.pairings


def still_held(office: Office, credentials: Collection[Credential]) -> set[Credential]:
    """Those of `credentials` that still hold, read in one transaction."""
    if not credentials:
        return set()
    bearers = {c.token_hash for c in credentials if isinstance(c, BearerToken)}
    staff = {c.token_hash for c in credentials if isinstance(c, StaffSession)}
    devices = {c.device_id for c in credentials if isinstance(c, DeviceSession)}
    pairings = {c.pairing_id for c in credentials if isinstance(c, TabletPairing)
                and 0 < c.pairing_id < MAX_PAIRING_ID}
    found = Found()
    # The settings play no part: the set-up's version is not read.
    with office.read_transaction(with_setup=False) as session:
        if bearers:  # screens' tokens are mostly devices': users are asked only for the rest
            found.device_tokens = device_queries.live_device_token_hashes(session, bearers)
        user_hashes = (bearers - found.device_tokens) | staff
        if user_hashes:
            found.user_tokens = user_queries.active_users_by_token_hash(session, user_hashes)
        if devices:
            found.devices = device_queries.live_device_ids(session, devices)
        if pairings:
            found.pairings = tablet_queries.live_pairing_ids(session, pairings)
    return {credential for credential in credentials if holds(credential, found)}
