"""The connection sweep asks, for all of an office's screens at once, which credentials still
hold: the same rules as the single look-ups, in a statement per kind of credential."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event

from antrean.core.passwords import hash_token
from antrean.usecases.access import tablets
from antrean.usecases.access.accounts import create_user, deactivate_user, issue_token
from antrean.usecases.access.devices import create_device, revoke_device
from antrean.usecases.access.held_credentials import (
    BearerToken,
    DeviceSession,
    Found,
    StaffSession,
    TabletPairing,
    bearer_token,
    holds,
    staff_session,
    still_held,
)
from antrean.usecases.context import Office
from tests.conftest import OfficeFactory


def test_a_bearer_token_holds_as_a_live_devices_or_an_active_users() -> None:
    found = Found(device_tokens={"tv"}, user_tokens={"siti": 7})
    assert holds(BearerToken("tv"), found) and holds(BearerToken("siti"), found)
    assert not holds(BearerToken("revoked"), found)


def test_a_staff_session_holds_only_for_the_user_it_was_opened_by() -> None:
    found = Found(device_tokens={"tv"}, user_tokens={"siti": 7})
    assert holds(StaffSession("siti", 7), found)
    assert not holds(StaffSession("siti", 8), found)
    assert not holds(StaffSession("tv", 7), found)  # a device's token is no staff session


def test_device_sessions_and_tablets_hold_while_they_are_live() -> None:
    found = Found(devices={3}, pairings={5})
    assert holds(DeviceSession(3), found) and holds(TabletPairing(5), found)
    assert not holds(DeviceSession(5), found) and not holds(TabletPairing(3), found)


def test_revocations_end_exactly_the_credentials_they_touch(
        make_office: OfficeFactory, database_url: str) -> None:
    office, _, _ = make_office(database_url, live=True)
    admin = create_user(office, "admin", "rahasia-123", "admin")
    siti = create_user(office, "siti", "rahasia-123", "petugas")
    budi = create_user(office, "budi", "rahasia-123", "petugas")
    tv, tv_token = create_device(office, "TV lobi", "display")
    other_tv, other_token = create_device(office, "TV ruang tunggu", "display")
    siti_token, budi_token = issue_token(office, siti.user_id, "web"), \
        issue_token(office, budi.user_id, "web")
    siti_tablet = tablets.pair_tablet(office, 1, siti.user_id)
    budi_tablet = tablets.pair_tablet(office, 2, budi.user_id)
    live: list[Any] = [
        bearer_token(other_token), bearer_token(budi_token),
        staff_session(budi_token, budi.user_id), DeviceSession(other_tv["id"]),
        TabletPairing(budi_tablet)]
    ending: list[Any] = [
        bearer_token(tv_token), bearer_token(siti_token), staff_session(siti_token, siti.user_id),
        DeviceSession(tv["id"]), TabletPairing(siti_tablet)]
    never: list[Any] = [
        bearer_token("no-such-token"), staff_session(budi_token, siti.user_id),
        DeviceSession(999), TabletPairing(0), TabletPairing(2**31), TabletPairing(999)]
    assert still_held(office, live + ending + never) == set(live + ending)

    revoke_device(office, tv["id"], admin.user_id)
    deactivate_user(office, siti.user_id, admin.user_id)
    assert still_held(office, live + ending + never) == set(live)
    assert still_held(office, []) == set()


def test_many_screens_are_checked_in_one_statement(
        make_office: OfficeFactory, database_url: str) -> None:
    office, _, _ = make_office(database_url, live=True)
    tokens = [create_device(office, f"TV {n}", "display")[1] for n in range(20)]
    credentials = {bearer_token(token) for token in tokens}
    assert {c.token_hash for c in credentials} == {hash_token(t) for t in tokens}
    selects = _selects(office, lambda: still_held(office, credentials))
    # Not a look-up per screen, nor the set-up's version: the settings play no part, and
    # users are not asked about tokens that are devices'.
    assert len(selects) == 1 and "devices" in selects[0].lower()


def _selects(office: Office, work: Any) -> list[str]:
    engine = office.sessions.kw["bind"]
    seen: list[str] = []

    def record(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            seen.append(statement)
    event.listen(engine, "before_cursor_execute", record)
    try:
        work()
    finally:
        event.remove(engine, "before_cursor_execute", record)
    return seen
