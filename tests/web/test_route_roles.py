"""Who may open each route, written down by hand, checked against the code and by requests.

EXPECTED is the office's intent, not a copy of the decorators: docs/api.md ("Public", "Petugas
and admin", the admin-only calls), the README (screens and who uses them). A route declared
with other roles than the table says fails, and so does a new route nobody added here.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.routing import AnyConverter, IntegerConverter, Rule

from antrean.web.auth import PUBLIC
from tests.support.app import AppUnderTest

EVERYONE = frozenset({"public"})
ADMIN = frozenset({"admin"})
STAFF = frozenset({"admin", "petugas"})
TV = frozenset({"display", "admin", "petugas"})
KIOSK = frozenset({"kiosk", "admin", "petugas"})
SIGNED_IN = frozenset({"admin", "petugas", "kiosk", "display"})
ROLES = ("admin", "petugas", "kiosk", "display")

EXPECTED: dict[str, frozenset[str]] = {
    # Admin screens: overview, users, devices, audit, running text, failed prints, complaints.
    "GET /admin/": ADMIN,
    "GET /admin/audit": ADMIN,
    "GET /admin/cetak": ADMIN,
    "GET /admin/ikm": ADMIN,
    "GET /admin/ikm.xlsx": ADMIN,
    "GET /admin/layanan": ADMIN,
    "POST /admin/loket/<int(max=2147483647):number>/lepas": ADMIN,
    "GET /admin/pengaduan": ADMIN,
    "GET /admin/pengaduan/<code>": ADMIN,
    "POST /admin/pengaduan/<code>": ADMIN,
    "GET /admin/pengaduan/rekap": ADMIN,
    "GET /admin/pengaduan/rekap.xlsx": ADMIN,
    "GET /admin/pengaduan/baru": ADMIN,
    "POST /admin/pengaduan/baru": ADMIN,
    "GET /admin/pengguna": ADMIN,
    "POST /admin/pengguna": ADMIN,
    "POST /admin/pengguna/<int:user_id>/nonaktifkan": ADMIN,
    "GET /admin/perangkat": ADMIN,
    "POST /admin/perangkat/tautan": ADMIN,
    "POST /admin/perangkat/tautan/<int(max=2147483647):link_id>/batal": ADMIN,
    "POST /admin/perangkat/<int(max=2147483647):device_id>/cabut": ADMIN,
    "POST /admin/perangkat/tablet": ADMIN,
    "POST /admin/perangkat/tablet/<int:pairing_id>/cabut": ADMIN,
    "GET /admin/teks-berjalan": ADMIN,
    # Lobby media: uploaded and ordered by the admin; the files and the TV's playlist are
    # public (what a lobby shows, and agency logos on public pages).
    "GET /admin/media": ADMIN,
    "POST /admin/media": ADMIN,
    "POST /admin/media/<name>/<any(aktifkan, nonaktifkan):switch>": ADMIN,
    "POST /admin/media/<name>/<any(naik, turun):direction>": ADMIN,
    "POST /admin/media/<name>/hapus": ADMIN,
    "POST /admin/media/<name>/ubah": ADMIN,
    "PATCH /api/v1/media/<name>": ADMIN,
    "GET /media/<name>": EVERYONE,
    "GET /api/v1/media/playlist": EVERYONE,
    # Running the office live: services, counters, office details, quick actions (issue 16).
    "GET /admin/layanan/baru": ADMIN,
    "POST /admin/layanan/baru": ADMIN,
    "GET /admin/layanan/<code>/ubah": ADMIN,
    "POST /admin/layanan/<code>/ubah": ADMIN,
    "POST /admin/layanan/<code>/tutup": ADMIN,
    "POST /admin/layanan/<code>/buka": ADMIN,
    "POST /admin/layanan/<code>/kuota": ADMIN,
    "GET /admin/loket/baru": ADMIN,
    "POST /admin/loket/baru": ADMIN,
    "GET /admin/loket/<int:number>/ubah": ADMIN,
    "POST /admin/loket/<int:number>/ubah": ADMIN,
    "POST /admin/loket/<int:number>/hapus": ADMIN,
    "GET /admin/zona": ADMIN,
    "GET /admin/zona/baru": ADMIN,
    "POST /admin/zona/baru": ADMIN,
    "GET /admin/zona/<code>/ubah": ADMIN,
    "POST /admin/zona/<code>/ubah": ADMIN,
    "POST /admin/zona/<code>/hapus": ADMIN,
    "POST /admin/perangkat/<int(max=2147483647):device_id>/zona": ADMIN,
    "POST /admin/loket/tambahan": ADMIN,
    "GET /admin/kantor": ADMIN,
    "POST /admin/kantor": ADMIN,
    "GET /api/v1/setup": ADMIN,
    "POST /api/v1/setup/services": ADMIN,
    "PATCH /api/v1/setup/services/<code>": ADMIN,
    "POST /api/v1/setup/services/<code>/pause": ADMIN,
    "POST /api/v1/setup/services/<code>/resume": ADMIN,
    "POST /api/v1/setup/services/<code>/extra-quota": ADMIN,
    "POST /api/v1/setup/counters": ADMIN,
    "POST /api/v1/setup/counters/extra": ADMIN,
    "PATCH /api/v1/setup/counters/<int:number>": ADMIN,
    "DELETE /api/v1/setup/counters/<int:number>": ADMIN,
    "PATCH /api/v1/setup/office": ADMIN,
    # Agencies of a Mal Pelayanan Publik (issue 17): edited by the admin, listed publicly.
    "POST /api/v1/setup/agencies": ADMIN,
    "PATCH /api/v1/setup/agencies/<code>": ADMIN,
    "DELETE /api/v1/setup/agencies/<code>": ADMIN,
    "GET /api/v1/agencies": EVERYONE,
    "POST /admin/perangkat/<int(max=2147483647):device_id>/instansi": ADMIN,
    "GET /admin/instansi": ADMIN,
    "GET /admin/instansi/baru": ADMIN,
    "POST /admin/instansi/baru": ADMIN,
    "GET /admin/instansi/<code>/ubah": ADMIN,
    "POST /admin/instansi/<code>/ubah": ADMIN,
    "POST /admin/instansi/<code>/hapus": ADMIN,
    "GET /admin/instansi/<agency>/logo": ADMIN,
    "POST /admin/instansi/<agency>/logo": ADMIN,
    # What the office publishes: standards (as versions), maklumat, facilities.
    "GET /admin/standar": ADMIN,
    "GET /admin/standar/<code>": ADMIN,
    "POST /admin/standar/<code>": ADMIN,
    "GET /admin/maklumat": ADMIN,
    "POST /admin/maklumat": ADMIN,
    "POST /admin/fasilitas": ADMIN,
    "GET /admin/skm": ADMIN,
    "POST /admin/skm/terbitkan": ADMIN,
    "POST /admin/skm/tindak-lanjut": ADMIN,
    "POST /admin/teks-berjalan": ADMIN,
    # The kepala's report.
    "GET /laporan": ADMIN,
    "GET /laporan/unduh.<any(csv, xlsx):kind>": ADMIN,
    "GET /laporan/instansi": ADMIN,
    "GET /laporan/instansi.<any(csv, xlsx):kind>": ADMIN,
    # The API: public calls, staff calls, admin calls (docs/api.md).
    "POST /api/v1/auth/login": EVERYONE,
    "POST /api/v1/auth/logout": SIGNED_IN,
    "GET /api/v1/openapi.json": EVERYONE,
    "GET /api/v1/queue": EVERYONE,
    "GET /api/v1/services": EVERYONE,
    "POST /api/v1/tickets": EVERYONE,
    "GET /api/v1/tickets/<public_id>": EVERYONE,
    "POST /api/v1/counters/<int:number>/call": STAFF,
    "POST /api/v1/counters/<int:number>/call-next": STAFF,
    "POST /api/v1/counters/<int:number>/recall": STAFF,
    "POST /api/v1/counters/<int:number>/state": STAFF,
    "POST /api/v1/counters/<int:number>/take": STAFF,
    "POST /api/v1/counters/<int:number>/release": ADMIN,
    "POST /api/v1/tickets/<public_id>/"
    "<any(start, finish, skip, 'no-show', cancel, requeue):action>": STAFF,
    "POST /api/v1/tickets/<public_id>/reprint": STAFF,
    "POST /api/v1/tickets/<public_id>/transfer": STAFF,
    "POST /api/v1/tickets/<public_id>/priority": STAFF,
    "GET /api/v1/print-jobs": STAFF,
    "GET /api/v1/stats": STAFF,
    "GET /api/v1/reports/agencies": ADMIN,
    # The deployment of many offices, at the root only (web.deployment_pages).
    "GET /kantor": ADMIN,
    "GET /api/v1/deployment/offices": ADMIN,
    "GET /api/v1/deployment/offices/<code>": ADMIN,
    "GET /admin/daftar-kantor": ADMIN,
    "POST /admin/daftar-kantor": ADMIN,
    "GET /laporan/kantor": ADMIN,
    "GET /laporan/kantor.<any(csv, xlsx):kind>": ADMIN,
    "GET /api/v1/reports/offices": ADMIN,
    "GET /api/v1/ikm": STAFF,
    "GET /api/v1/audit": ADMIN,
    "GET /api/v1/devices": ADMIN,
    "POST /api/v1/devices": ADMIN,
    "POST /api/v1/devices/<int(max=2147483647):device_id>/revoke": ADMIN,
    "POST /api/v1/devices/<int(max=2147483647):device_id>/zone": ADMIN,
    "PUT /api/v1/running-text": ADMIN,
    "POST /api/v1/users/<int(max=2147483647):user_id>/revoke-tokens": ADMIN,
    # The counter console and the live monitor: petugas and admin.
    "GET /console/": STAFF,
    "POST /console/loket": STAFF,
    "GET /console/state.json": STAFF,
    "GET /console/login": EVERYONE,
    "POST /console/login": EVERYONE,
    "POST /console/logout": EVERYONE,
    "GET /monitor": STAFF,
    "GET /monitor/data.json": STAFF,
    # Devices: pairing is public (the token is the credential); the TV and kiosk pages.
    "GET /devices/pair": EVERYONE,
    "GET /p/<code>": EVERYONE,
    "POST /p/<code>": EVERYONE,
    "GET /display/": TV,
    "GET /kiosk/": KIOSK,
    "GET /kiosk/agencies": KIOSK,
    "GET /kiosk/print-status/<public_id>": EVERYONE,
    "GET /kiosk/qr/<public_id>.svg": EVERYONE,
    "GET /kiosk/speech/<public_id>": EVERYONE,
    # Online booking (docs/api.md "Online booking (public)"): warga book and cancel by code;
    # the day's list and its exports are the admin's.
    "GET /ambil": EVERYONE,
    "GET /ambil/<service>": EVERYONE,
    "GET /ambil/<service>/<day>": EVERYONE,
    "POST /ambil/<service>/<day>": EVERYONE,
    "GET /b/<code>": EVERYONE,
    "GET /b/<code>/batal": EVERYONE,
    "POST /b/<code>/batal": EVERYONE,
    "GET /b/<code>/qr.svg": EVERYONE,
    "GET /api/v1/booking-services": EVERYONE,
    "GET /api/v1/booking-days": EVERYONE,
    "GET /api/v1/booking-sessions": EVERYONE,
    "POST /api/v1/bookings": EVERYONE,
    "GET /api/v1/bookings/<code>": EVERYONE,
    "POST /api/v1/bookings/<code>/cancel": EVERYONE,
    "POST /api/v1/bookings/<code>/check-in": KIOSK,  # at the office, never from home
    "GET /api/v1/booking-arrivals": STAFF,  # names of citizens: console and monitor only
    "GET /admin/booking": ADMIN,
    "GET /admin/booking.csv": ADMIN,
    "GET /admin/booking.xlsx": ADMIN,
    # What warga read and send: standards, complaints, the survey, the tracking page.
    "GET /layanan": EVERYONE,
    "GET /layanan/<code>": EVERYONE,
    "GET /maklumat": EVERYONE,
    "GET /skm": EVERYONE,
    "GET /pengaduan": EVERYONE,
    "POST /pengaduan": EVERYONE,
    "GET /pengaduan/cek": EVERYONE,
    "GET /survei/<public_id>": EVERYONE,
    "POST /survei/<public_id>": EVERYONE,
    "GET /survei/loket/<int:number>": EVERYONE,
    "GET /survei/loket/<int:number>/pasangkan": STAFF,
    "POST /survei/loket/<int:number>/pasangkan": STAFF,
    "GET /survei/loket/<int:number>/status": EVERYONE,
    "GET /survei/tablet/pasang": EVERYONE,
    "POST /survei/tablet/pasang": EVERYONE,
    "GET /t/<public_id>": EVERYONE,
    "GET /t/<public_id>/batal": EVERYONE,
    "POST /t/<public_id>/batal": EVERYONE,
    # The front page, and the first admin's set-up (the one-time code is the credential).
    "GET /": EVERYONE,
    "GET /setup": EVERYONE,
    "POST /setup": EVERYONE,
}


@pytest.fixture
def app(app_under_test: AppUnderTest) -> Flask:
    return app_under_test.app


def routes(app: Flask) -> Iterator[tuple[str, Rule]]:
    """("METHOD /rule", rule) for every view of the app but static files."""
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static" or rule.endpoint.endswith(".static"):
            continue
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):  # type: ignore[operator]
            yield f"{method} {rule.rule}", rule


def declared(app: Flask, rule: Rule) -> frozenset[str]:
    roles = getattr(app.view_functions[rule.endpoint], "allowed_roles", None)
    assert roles is not None, f"{rule.rule} declares no roles (@public or @require_roles)"
    return EVERYONE if roles == PUBLIC else frozenset(str(role) for role in roles)


def test_every_route_is_in_the_table_and_declares_the_roles_it_lists(app: Flask) -> None:
    found = {key: declared(app, rule) for key, rule in routes(app)}
    assert sorted(set(found) - set(EXPECTED)) == [], "routes missing from EXPECTED"
    assert sorted(set(EXPECTED) - set(found)) == [], "EXPECTED lists routes that are gone"
    wrong = {key: sorted(roles) for key, roles in found.items() if roles != EXPECTED[key]}
    assert wrong == {}, "declared roles differ from the table"


def example_path(rule: Rule) -> str:
    values: dict[str, object] = {}
    for name, converter in rule._converters.items():
        if isinstance(converter, AnyConverter):
            values[name] = sorted(converter.items)[0]
        elif isinstance(converter, IntegerConverter):
            values[name] = 999  # nothing real: no side effects such as revoking
        else:
            values[name] = "x"
    return rule.build(values, append_unknown=False)[1]  # type: ignore[index]


def bearer_tokens(app_under_test: AppUnderTest) -> dict[str, str]:
    """A token per role: users sign in, devices are paired."""
    tokens = {}
    for role in ("admin", "petugas"):
        app_under_test.add_user(f"user_{role}", role)
        tokens[role] = app_under_test.bearer(f"user_{role}")["Authorization"].split()[1]
    for role in ("kiosk", "display"):
        tokens[role] = app_under_test.add_device(role)
    return tokens


def request_as(app: Flask, method: str, path: str, token: str | None) -> tuple[int, str]:
    """(status, error code) of one JSON request from a fresh client; without a token the
    client carries a valid CSRF token, so only the role check can refuse it."""
    client: FlaskClient = app.test_client()
    headers = {"Authorization": f"Bearer {token}"} if token else {"X-CSRF-Token": "uji"}
    if token is None:
        with client.session_transaction() as session:
            session["csrf_token"] = "uji"
    response = client.open(path, method=method, json={}, headers=headers)
    body = response.get_json(silent=True)
    return response.status_code, body.get("error", "") if isinstance(body, dict) else ""


def test_each_role_gets_in_exactly_where_the_table_lets_it(app: Flask,
                                                          app_under_test: AppUnderTest) -> None:
    """Nobody: 401 "unauthorized"; a role the table leaves out: 403 "forbidden"; a role it
    lists: never refused for who it is (a public route may still refuse its own way, e.g. a
    wrong password or pairing token)."""
    tokens = bearer_tokens(app_under_test)
    wrong: list[str] = []
    # Logging out revokes the token used, so it goes last.
    for key, rule in sorted(routes(app), key=lambda r: r[0] == "POST /api/v1/auth/logout"):
        method, path = key.split(" ")[0], example_path(rule)
        allowed = EXPECTED[key]
        for role in [None, *ROLES]:
            got = request_as(app, method, path, tokens.get(role or ""))
            if "public" in allowed or role in allowed:
                expected = "not refused for its role"
                ok = got[1] not in ("unauthorized", "forbidden")
            else:
                expected = "(401, 'unauthorized')" if role is None else "(403, 'forbidden')"
                ok = got == ((401, "unauthorized") if role is None else (403, "forbidden"))
            if not ok:
                wrong.append(f"{method} {path} as {role or 'nobody'}: {got}, {expected}")
    assert wrong == [], "\n".join(wrong)


def test_a_revoked_device_token_is_refused(app_under_test: AppUnderTest) -> None:
    app_under_test.add_user("kepala", "admin")
    admin = app_under_test.bearer("kepala")
    client = app_under_test.client()
    created = client.post("/api/v1/devices", headers=admin,
                          json={"name": "TV Lobi", "role": "display"})
    assert created.status_code == 201
    device = created.get_json()
    as_device = {"Authorization": f"Bearer {device['token']}"}
    assert client.get("/api/v1/devices", headers=as_device).status_code == 403
    listed = client.get("/api/v1/devices", headers=admin).get_json()
    assert [d["name"] for d in listed] == ["TV Lobi"]
    assert "token" not in listed[0] and "token_hash" not in listed[0]
    revoked = client.post(f"/api/v1/devices/{device['id']}/revoke", headers=admin)
    assert revoked.get_json()["revoked_at"] is not None
    assert client.get("/api/v1/devices", headers=as_device).status_code == 401
    assert client.get(f"/devices/pair?token={device['token']}").status_code == 403
