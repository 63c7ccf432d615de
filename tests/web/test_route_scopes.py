"""Every route, every method, for every role and scope of a Mal Pelayanan Publik.

SCOPES is the office's intent for agency-bound people (docs/roles.md): "office" routes are the
MPP manager's alone; "agency" routes let everyone with the role in, showing them their own
agency; "counter", "service", "ticket" and "user" routes act on one target, which must belong
to the person's agency; "own_agency" routes act on the agency in the path itself (its logo).
Who has the role comes from test_route_roles.EXPECTED. A route missing
here fails, so a new route must say how far it reaches.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from werkzeug.routing import AnyConverter, IntegerConverter, Rule

from antrean.core.access import Role
from antrean.web.scope_guard import declared_scope
from tests.support.app import AppFactory, AppUnderTest
from tests.support.mpp_office import COUNTER, SERVICE, A, B, add_person, mpp_app
from tests.web.test_route_roles import EXPECTED as ROLES
from tests.web.test_route_roles import routes

PUBLIC, OFFICE, AGENCY = "public", "office", "agency"
COUNTER_, SERVICE_, TICKET, USER = "counter", "service", "ticket", "user"
OWN_AGENCY = "own_agency"

SCOPES: dict[str, str] = {
    # The MPP manager's own pages: the building's devices, audit, office details, the TV's
    # running text, kiosk print failures, the maklumat and SKM publication.
    "GET /admin/audit": OFFICE,
    "GET /api/v1/audit": OFFICE,
    "GET /admin/perangkat": OFFICE,
    "POST /admin/perangkat/tautan": OFFICE,
    "POST /admin/perangkat/tautan/<int(max=2147483647):link_id>/batal": OFFICE,
    "POST /admin/perangkat/<int(max=2147483647):device_id>/cabut": OFFICE,
    "POST /admin/perangkat/tablet": OFFICE,
    "POST /admin/perangkat/tablet/<int:pairing_id>/cabut": OFFICE,
    "GET /api/v1/devices": OFFICE,
    "POST /api/v1/devices": OFFICE,
    "POST /api/v1/devices/<int(max=2147483647):device_id>/revoke": OFFICE,
    "POST /api/v1/devices/<int(max=2147483647):device_id>/zone": OFFICE,
    "POST /admin/perangkat/<int(max=2147483647):device_id>/instansi": OFFICE,
    "POST /admin/perangkat/<int(max=2147483647):device_id>/zona": OFFICE,
    # The building's agencies and the lobby's zones: the MPP manager sets them up.
    "GET /admin/instansi": OFFICE,
    "GET /admin/instansi/baru": OFFICE,
    "POST /admin/instansi/baru": OFFICE,
    "GET /admin/instansi/<code>/ubah": OFFICE,
    "POST /admin/instansi/<code>/ubah": OFFICE,
    "POST /admin/instansi/<code>/hapus": OFFICE,
    "POST /api/v1/setup/agencies": OFFICE,
    "PATCH /api/v1/setup/agencies/<code>": OFFICE,
    "DELETE /api/v1/setup/agencies/<code>": OFFICE,
    "GET /admin/media": OFFICE,
    "POST /admin/media": OFFICE,
    "POST /admin/media/<name>/<any(aktifkan, nonaktifkan):switch>": OFFICE,
    "POST /admin/media/<name>/<any(naik, turun):direction>": OFFICE,
    "POST /admin/media/<name>/hapus": OFFICE,
    "POST /admin/media/<name>/ubah": OFFICE,
    "PATCH /api/v1/media/<name>": OFFICE,
    "GET /admin/zona": OFFICE,
    "GET /admin/zona/baru": OFFICE,
    "POST /admin/zona/baru": OFFICE,
    "GET /admin/zona/<code>/ubah": OFFICE,
    "POST /admin/zona/<code>/ubah": OFFICE,
    "POST /admin/zona/<code>/hapus": OFFICE,
    "GET /admin/kantor": OFFICE,
    "POST /admin/kantor": OFFICE,
    "PATCH /api/v1/setup/office": OFFICE,
    "GET /api/v1/setup": OFFICE,  # the whole building's set-up at once
    "GET /admin/teks-berjalan": OFFICE,
    "POST /admin/teks-berjalan": OFFICE,
    "PUT /api/v1/running-text": OFFICE,
    "GET /admin/cetak": OFFICE,
    "GET /api/v1/print-jobs": OFFICE,
    "GET /admin/maklumat": OFFICE,
    "POST /admin/maklumat": OFFICE,
    "POST /admin/fasilitas": OFFICE,
    "GET /admin/skm": OFFICE,
    "POST /admin/skm/terbitkan": OFFICE,
    "POST /admin/skm/tindak-lanjut": OFFICE,
    # Figures, IKM and complaints: an agency admin (or petugas on the monitor) gets their own
    # agency's, never another's (web.scope_guard.agency_in_scope).
    "GET /monitor": AGENCY,
    "GET /monitor/data.json": AGENCY,
    "GET /laporan": AGENCY,
    "GET /laporan/unduh.<any(csv, xlsx):kind>": AGENCY,
    "GET /api/v1/stats": AGENCY,
    "GET /admin/ikm": AGENCY,
    "GET /admin/ikm.xlsx": AGENCY,
    "GET /api/v1/ikm": AGENCY,
    "GET /admin/pengaduan": AGENCY,
    "GET /admin/pengaduan/<code>": AGENCY,
    "POST /admin/pengaduan/<code>": AGENCY,
    "GET /admin/pengaduan/rekap": AGENCY,
    "GET /admin/pengaduan/rekap.xlsx": AGENCY,
    "GET /admin/pengaduan/baru": AGENCY,
    "POST /admin/pengaduan/baru": AGENCY,
    # Agencies side by side: the MPP manager's view of the whole building.
    "GET /laporan/instansi": OFFICE,
    "GET /laporan/instansi.<any(csv, xlsx):kind>": OFFICE,
    "GET /api/v1/reports/agencies": OFFICE,
    "GET /kantor": OFFICE,
    "GET /api/v1/deployment/offices": OFFICE,
    "GET /api/v1/deployment/offices/<code>": OFFICE,
    "GET /admin/daftar-kantor": OFFICE,
    "POST /admin/daftar-kantor": OFFICE,
    "GET /laporan/kantor": OFFICE,
    "GET /laporan/kantor.<any(csv, xlsx):kind>": OFFICE,
    "GET /api/v1/reports/offices": OFFICE,
    # Lists and forms that show the person's own agency only.
    "GET /admin/": AGENCY,
    "GET /admin/layanan": AGENCY,
    "GET /admin/layanan/baru": AGENCY,
    "POST /admin/layanan/baru": AGENCY,
    "GET /admin/loket/baru": AGENCY,
    "POST /admin/loket/baru": AGENCY,
    "POST /admin/loket/tambahan": AGENCY,
    "POST /api/v1/setup/services": AGENCY,
    "POST /api/v1/setup/counters": AGENCY,
    "POST /api/v1/setup/counters/extra": AGENCY,
    "GET /admin/pengguna": AGENCY,
    "POST /admin/pengguna": AGENCY,
    "GET /admin/standar": AGENCY,
    "GET /console/": AGENCY,
    "POST /console/loket": AGENCY,  # the loket picked in the form is checked on its own
    "GET /console/state.json": AGENCY,
    "GET /api/v1/booking-arrivals": AGENCY,
    "GET /admin/booking": AGENCY,
    "GET /admin/booking.csv": AGENCY,
    "GET /admin/booking.xlsx": AGENCY,
    "POST /api/v1/bookings/<code>/check-in": AGENCY,  # the booking's agency: the use case
    "POST /api/v1/auth/logout": AGENCY,
    "GET /display/": AGENCY,  # what the lobby shows everyone
    "GET /kiosk/": AGENCY,
    "GET /kiosk/agencies": AGENCY,
    # One target of the person's agency.
    "GET /admin/layanan/<code>/ubah": SERVICE_,
    "POST /admin/layanan/<code>/ubah": SERVICE_,
    "POST /admin/layanan/<code>/tutup": SERVICE_,
    "POST /admin/layanan/<code>/buka": SERVICE_,
    "POST /admin/layanan/<code>/kuota": SERVICE_,
    "PATCH /api/v1/setup/services/<code>": SERVICE_,
    "POST /api/v1/setup/services/<code>/pause": SERVICE_,
    "POST /api/v1/setup/services/<code>/resume": SERVICE_,
    "POST /api/v1/setup/services/<code>/extra-quota": SERVICE_,
    "GET /admin/standar/<code>": SERVICE_,
    "POST /admin/standar/<code>": SERVICE_,
    "GET /admin/loket/<int:number>/ubah": COUNTER_,
    "POST /admin/loket/<int:number>/ubah": COUNTER_,
    "POST /admin/loket/<int:number>/hapus": COUNTER_,
    "PATCH /api/v1/setup/counters/<int:number>": COUNTER_,
    "DELETE /api/v1/setup/counters/<int:number>": COUNTER_,
    "POST /admin/loket/<int(max=2147483647):number>/lepas": COUNTER_,
    "POST /api/v1/counters/<int:number>/call": COUNTER_,
    "POST /api/v1/counters/<int:number>/call-next": COUNTER_,
    "POST /api/v1/counters/<int:number>/recall": COUNTER_,
    "POST /api/v1/counters/<int:number>/state": COUNTER_,
    "POST /api/v1/counters/<int:number>/take": COUNTER_,
    "POST /api/v1/counters/<int:number>/release": COUNTER_,
    "GET /survei/loket/<int:number>/pasangkan": COUNTER_,
    "POST /survei/loket/<int:number>/pasangkan": COUNTER_,
    "POST /api/v1/tickets/<public_id>/"
    "<any(start, finish, skip, 'no-show', cancel, requeue):action>": TICKET,
    "POST /api/v1/tickets/<public_id>/reprint": TICKET,
    "POST /api/v1/tickets/<public_id>/transfer": TICKET,
    "POST /api/v1/tickets/<public_id>/priority": TICKET,
    "GET /admin/instansi/<agency>/logo": OWN_AGENCY,
    "POST /admin/instansi/<agency>/logo": OWN_AGENCY,
    "POST /admin/pengguna/<int:user_id>/nonaktifkan": USER,
    "POST /api/v1/users/<int(max=2147483647):user_id>/revoke-tokens": USER,
}
SCOPES.update({key: PUBLIC for key, roles in ROLES.items() if "public" in roles})

REFUSALS = ("unauthorized", "forbidden", "outside_scope")


@dataclass(frozen=True)
class Actor:
    name: str
    role: Role | None  # None: nobody signed in
    agency: str | None = None
    token: str | None = None


def path_for(rule: Rule, values: dict[str, Any]) -> str:
    filled: dict[str, Any] = {}
    for name, converter in rule._converters.items():
        if isinstance(converter, AnyConverter):
            filled[name] = sorted(converter.items)[0]
        elif name in values:
            filled[name] = values[name]
        else:
            filled[name] = 999 if isinstance(converter, IntegerConverter) else "x"
    return rule.build(filled, append_unknown=False)[1]  # type: ignore[index]


def expected(actor: Actor, key: str) -> str:
    """"allowed", or the error code the actor is refused with, on agency A's target."""
    roles, scope = ROLES[key], SCOPES[key]
    if "public" in roles:
        return "allowed"
    if actor.role is None:
        return "unauthorized"
    if actor.role.value not in roles:
        return "forbidden"
    if actor.agency is None or scope == AGENCY:
        return "allowed"
    if scope == OFFICE:
        return "outside_scope"
    if scope == USER:  # the target is a petugas of agency A
        return "allowed" if actor.role is Role.ADMIN and actor.agency == A else "outside_scope"
    return "allowed" if actor.agency == A else "outside_scope"


def request_as(app: Flask, method: str, path: str, actor: Actor) -> tuple[int, str]:
    client = app.test_client()
    headers = {"Authorization": f"Bearer {actor.token}"} if actor.token else \
        {"X-CSRF-Token": "uji"}
    if actor.token is None:
        with client.session_transaction() as session:
            session["csrf_token"] = "uji"
    response = client.open(path, method=method, json={}, headers=headers)
    body = response.get_json(silent=True)
    return response.status_code, body.get("error", "") if isinstance(body, dict) else ""


@pytest.fixture
def mpp(make_app: AppFactory, tmp_path: Path) -> AppUnderTest:
    return mpp_app(make_app, tmp_path / "mpp")


def actors(mpp: AppUnderTest) -> list[Actor]:
    people = [("petugas_a", Role.PETUGAS, A), ("petugas_b", Role.PETUGAS, B),
              ("admin_a", Role.ADMIN, A), ("admin_b", Role.ADMIN, B),
              ("kepala", Role.ADMIN, None)]
    found = [Actor("anonymous", None),
             Actor("kiosk", Role.KIOSK, token=mpp.add_device(Role.KIOSK)),
             Actor("display", Role.DISPLAY, token=mpp.add_device(Role.DISPLAY))]
    for username, role, agency in people:
        add_person(mpp, username, role, agency)
        token = mpp.bearer(username)["Authorization"].split()[1]
        found.append(Actor(username, role, agency, token))
    return found


def test_every_route_declares_the_scope_the_table_gives_it(mpp: AppUnderTest) -> None:
    app = mpp.app
    found = dict(routes(app))
    assert sorted(set(found) - set(SCOPES)) == [], "routes missing from SCOPES"
    assert sorted(set(SCOPES) - set(found)) == [], "SCOPES lists routes that are gone"
    wrong = {key: (declared_scope(app.view_functions[rule.endpoint]).value, SCOPES[key])
             for key, rule in found.items() if SCOPES[key] != PUBLIC
             and declared_scope(app.view_functions[rule.endpoint]).value != SCOPES[key]}
    assert wrong == {}, "declared scope (left) differs from the table (right)"


def test_each_role_and_scope_gets_in_exactly_where_the_table_lets_it(
        mpp: AppUnderTest) -> None:
    """Agency A owns every target in the paths (counter, service, ticket, petugas); refusals
    are asked about that real target. Allowed changes are asked about a target that does not
    exist, so no request changes what the next route is asked about (the isolation tests
    show real changes within the agency)."""
    everyone = actors(mpp)
    ticket = mpp.client().post("/api/v1/tickets", json={"service": SERVICE[A]}).get_json()
    petugas_a2 = add_person(mpp, "petugas_a2", Role.PETUGAS, A)
    real = {"number": COUNTER[A], "code": SERVICE[A], "public_id": ticket["id"],
            "user_id": petugas_a2.user_id, "service": SERVICE[A], "agency": A}
    wrong: list[str] = []
    for key, rule in sorted(routes(mpp.app), key=lambda r: r[0] == "POST /api/v1/auth/logout"):
        method = key.split(" ")[0]
        for actor in everyone:
            want = expected(actor, key)
            harmless = want == "allowed" and method != "GET"
            # An agency is its own target: asked about agency A, with a body that changes
            # nothing (no file).
            path = path_for(rule, {"agency": A} if harmless else real)
            status, code = request_as(mpp.app, method, path, actor)
            if want == "allowed":
                ok = code not in REFUSALS
            else:
                ok = (status, code) == (401 if want == "unauthorized" else 403, want)
            if not ok:
                wrong.append(f"{method} {path} as {actor.name}: {status} {code!r}, want {want}")
    assert wrong == [], "\n".join(wrong)
