"""Lobby media through HTTP, in-process on SQLite and PostgreSQL (bytea): an admin uploads,
orders, pauses and removes files at /admin/media; anyone fetches /media/<name> with ETag,
Range and the right type; a TV's playlist follows, and TVs are told when it changes."""

from __future__ import annotations

import hashlib
import io
from typing import Any

import pytest
from flask.testing import FlaskClient

from antrean.core.access import Role
from antrean.db.media_models import MediaFile
from tests.support.app import AppFactory, AppUnderTest, events_named
from tests.support.media_samples import MP4_HEAD, image_bytes, noisy_png

ZONES = """
[[zones]]
code = "lantai1"
name = "Lantai 1"
counters = [1, 2]

[[zones]]
code = "lantai2"
name = "Lantai 2"
counters = [3]
"""
# Over the app's 1 MB limit for any other request, well under a video's 100 MB.
VIDEO = MP4_HEAD + bytes(range(256)) * (3 * 4096)


def upload(browser: FlaskClient, data: bytes, filename: str, **fields: str) -> Any:
    return browser.post("/admin/media", content_type="multipart/form-data", data={
        "file": (io.BytesIO(data), filename), "active": "1", **fields})


def playlist(web: AppUnderTest, zone: str = "") -> list[dict[str, Any]]:
    response = web.client().get(f"/api/v1/media/playlist?zone={zone}")
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.get_json()["items"]
    return items


def office_with_admin(make_app: AppFactory, database_url: str | None = None) -> AppUnderTest:
    app = make_app(database_url, extra_tables=ZONES)
    app.add_user("kepala", Role.ADMIN)
    return app


@pytest.fixture
def web(make_app: AppFactory) -> AppUnderTest:
    """On SQLite; the tests of stored bytes run on PostgreSQL too (any_database)."""
    return office_with_admin(make_app)


@pytest.fixture
def any_database(make_app: AppFactory, database_url: str) -> AppUnderTest:
    return office_with_admin(make_app, database_url)


@pytest.fixture
def admin(web: AppUnderTest) -> FlaskClient:
    return web.signed_in("kepala")


def test_an_uploaded_image_is_served_with_its_type_etag_and_cache_headers(
        any_database: AppUnderTest) -> None:
    web, admin = any_database, any_database.signed_in("kepala")
    png = image_bytes("PNG")
    sent = upload(admin, png, "Jadwal Pelayanan.png", seconds="8")
    assert sent.status_code == 302 and sent.location == "/admin/media"
    page = admin.get("/admin/media").text
    assert "jadwal-pelayanan.png diunggah" in page and 'src="/media/jadwal-pelayanan.png"' in page

    citizen = web.client()
    served = citizen.get("/media/jadwal-pelayanan.png")
    assert served.status_code == 200 and served.data == png
    assert served.headers["Content-Type"] == "image/png"
    assert served.headers["X-Content-Type-Options"] == "nosniff"
    assert served.headers["ETag"] == f'"{hashlib.sha256(png).hexdigest()}"'
    assert "max-age=300" in served.headers["Cache-Control"]
    assert "public" in served.headers["Cache-Control"]
    again = citizen.get("/media/jadwal-pelayanan.png",
                        headers={"If-None-Match": served.headers["ETag"]})
    assert again.status_code == 304 and again.data == b""
    assert playlist(web) == [{"name": "jadwal-pelayanan.png", "kind": "image",
                              "url": "/media/jadwal-pelayanan.png", "content_type": "image/png",
                              "seconds": 8, "version": hashlib.sha256(png).hexdigest()[:16]}]


def test_a_video_over_the_usual_1_mb_limit_is_kept_and_played_in_ranges(
        any_database: AppUnderTest) -> None:
    web, admin = any_database, any_database.signed_in("kepala")
    assert len(VIDEO) > 2 * 1024 * 1024
    assert upload(admin, VIDEO, "promo.mp4").status_code == 302
    with web.office.sessions() as session:  # the bytes are in the database itself
        stored = session.query(MediaFile).one()
        assert stored.data == VIDEO and stored.size == len(VIDEO)
    tv = web.client()
    whole = tv.get("/media/promo.mp4")
    assert whole.status_code == 200 and whole.headers["Content-Type"] == "video/mp4"
    assert whole.headers["Accept-Ranges"] == "bytes" and whole.data == VIDEO
    part = tv.get("/media/promo.mp4", headers={"Range": "bytes=1000000-1000099"})
    assert part.status_code == 206
    assert part.headers["Content-Range"] == f"bytes 1000000-1000099/{len(VIDEO)}"
    assert part.data == VIDEO[1_000_000:1_000_100]
    tail = tv.get("/media/promo.mp4", headers={"Range": "bytes=-10"})
    assert tail.status_code == 206 and tail.data == VIDEO[-10:]
    beyond = tv.get("/media/promo.mp4", headers={"Range": f"bytes={len(VIDEO) + 5}-"})
    assert beyond.status_code == 416
    assert playlist(web)[0]["kind"] == "video" and playlist(web)[0]["seconds"] is None


def test_the_large_body_is_for_admins_only(web: AppUnderTest) -> None:
    """Nobody else gets the server to read 3 MB: the usual 1 MB limit answers them."""
    anonymous = web.client()
    refused = anonymous.post("/admin/media", content_type="multipart/form-data",
                             data={"file": (io.BytesIO(VIDEO), "promo.mp4")})
    assert refused.status_code == 413
    assert "Data terlalu besar" in refused.text
    web.add_user("siti", Role.PETUGAS)
    petugas = web.signed_in("siti")
    assert upload(petugas, VIDEO, "promo.mp4").status_code == 413
    assert upload(petugas, image_bytes("PNG"), "x.png").status_code == 403
    assert playlist(web) == []


REFUSED = [
    (image_bytes("BMP"), "foto.png", "Berkas tidak dikenali. Unggah gambar PNG, JPEG, WebP"),
    (b"MZ\x90\x00" + bytes(200), "video.mp4", "Berkas tidak dikenali"),
    (b"<svg xmlns='http://www.w3.org/2000/svg'/>", "logo.svg", "Berkas tidak dikenali"),
    (b"", "kosong.png", "Berkas kosong"),
    (noisy_png(2 * 1024 * 1024 + 1), "besar.png", "Gambar terlalu besar"),
]


def test_a_refused_file_is_explained_and_nothing_is_kept(web: AppUnderTest,
                                                         admin: FlaskClient) -> None:
    for data, filename, message in REFUSED:
        refused = upload(admin, data, filename)
        assert refused.status_code == 422, filename
        assert message in refused.text and 'role="alert"' in refused.text
        assert playlist(web) == [] and "Belum ada media" in refused.text


def test_bad_fields_beside_a_good_file_are_explained(web: AppUnderTest,
                                                     admin: FlaskClient) -> None:
    assert "3 sampai 300 detik" in upload(admin, image_bytes("PNG"), "a.png",
                                          seconds="1").text
    unknown = upload(admin, image_bytes("PNG"), "a.png", zone="atap")
    assert unknown.status_code == 422 and "Zona &#39;atap&#39; tidak dikenal" in unknown.text
    no_file = admin.post("/admin/media", data={"seconds": "5"})
    assert no_file.status_code == 422 and "Berkas kosong" in no_file.text
    assert playlist(web) == []


def test_unknown_and_unsafe_names_are_a_404_in_indonesian(web: AppUnderTest) -> None:
    for path in ("/media/tidak-ada.png", "/media/..%2fconfig.toml", "/media/x.exe",
                 "/media/%00.png"):
        answer = web.client().get(path)
        assert answer.status_code in (404, 422), path
        assert answer.status_code != 500
    missing = web.client().get("/media/tidak-ada.png")
    assert missing.status_code == 404 and "tidak-ada.png" in missing.text
    assert "tidak ditemukan" in missing.text


def test_the_playlist_follows_order_activity_zones_and_removal(
        web: AppUnderTest, admin: FlaskClient) -> None:
    tv = web.socket("/display", client=web.paired(Role.DISPLAY))
    tv.get_received("/display")
    upload(admin, image_bytes("PNG"), "satu.png")
    upload(admin, VIDEO, "dua.mp4", zone="lantai1")
    upload(admin, image_bytes("JPEG"), "tiga.jpg", zone="lantai2")
    assert len(events_named(tv, "media")) == 3  # each change tells the TVs

    def names(zone: str = "") -> list[str]:
        return [item["name"] for item in playlist(web, zone)]

    assert names() == ["satu.png"]  # a TV of the whole office: media meant for every zone
    assert names("lantai1") == ["satu.png", "dua.mp4"]
    assert names("lantai2") == ["satu.png", "tiga.jpg"]
    assert names("dihapus") == ["satu.png"]  # a TV whose zone is gone still plays the rest

    assert admin.post("/admin/media/dua.mp4/naik").status_code == 302
    assert names("lantai1") == ["dua.mp4", "satu.png"]
    admin.post("/admin/media/dua.mp4/naik")  # already first: nothing changes
    admin.post("/admin/media/satu.png/turun")
    assert names("lantai2") == ["tiga.jpg", "satu.png"]
    assert admin.post("/admin/media/satu.png/nonaktifkan").status_code == 302
    assert names("lantai2") == ["tiga.jpg"]
    assert web.client().get("/media/satu.png").status_code == 200  # still there as a logo
    assert "Tidak diputar" in admin.get("/admin/media").text
    admin.post("/admin/media/satu.png/aktifkan")
    assert names() == ["satu.png"]
    assert admin.post("/admin/media/satu.png/hapus").status_code == 302
    assert names() == [] and web.client().get("/media/satu.png").status_code == 404
    assert len(events_named(tv, "media")) == 5  # naik, turun, nonaktif, aktif, hapus
    assert admin.post("/admin/media/satu.png/hapus").status_code == 404
    actions = [entry["action"] for entry in web.client().get(
        "/api/v1/audit", headers=web.bearer("kepala")).get_json()]
    assert actions.count("media_uploaded") == 3 and "media_removed" in actions


def test_a_same_name_upload_gets_its_own_name_and_its_own_etag(
        web: AppUnderTest, admin: FlaskClient) -> None:
    blue, red = image_bytes("PNG"), image_bytes("PNG", colour=(200, 0, 0))
    upload(admin, blue, "logo.png")
    upload(admin, red, "logo.png")
    assert [item["name"] for item in playlist(web)] == ["logo.png", "logo-2.png"]
    first, second = web.client().get("/media/logo.png"), web.client().get("/media/logo-2.png")
    assert (first.data, second.data) == (blue, red)
    assert first.headers["ETag"] != second.headers["ETag"]


def test_the_playlist_refuses_a_zone_code_too_long(web: AppUnderTest) -> None:
    answer = web.client().get("/api/v1/media/playlist?zone=" + "z" * 33)
    assert answer.status_code == 422
    assert answer.get_json()["error"] == "invalid_zone"


def test_zone_and_seconds_are_changed_after_the_upload_on_the_page(
        web: AppUnderTest, admin: FlaskClient) -> None:
    tv = web.socket("/display", client=web.paired(Role.DISPLAY))
    upload(admin, image_bytes("PNG"), "satu.png", seconds="5")
    upload(admin, VIDEO, "dua.mp4")
    tv.get_received("/display")
    page = admin.get("/admin/media").text
    assert 'action="/admin/media/satu.png/ubah"' in page and 'id="seconds-satu.png"' in page
    assert 'id="seconds-dua.mp4"' not in page  # a video plays to its end
    changed = admin.post("/admin/media/satu.png/ubah", data={"zone": "lantai2", "seconds": "20"})
    assert changed.status_code == 302
    assert [(i["name"], i["seconds"]) for i in playlist(web, "lantai2")] == \
        [("satu.png", 20), ("dua.mp4", None)]
    assert [i["name"] for i in playlist(web, "lantai1")] == ["dua.mp4"]
    assert len(events_named(tv, "media")) == 1
    assert admin.post("/admin/media/dua.mp4/ubah", data={"zone": "lantai1"}).status_code == 302
    assert [i["name"] for i in playlist(web)] == []
    refused = admin.post("/admin/media/satu.png/ubah", data={"zone": "", "seconds": "999"})
    assert refused.status_code == 422 and "3 sampai 300 detik" in refused.text
    unknown = admin.post("/admin/media/satu.png/ubah", data={"zone": "atap", "seconds": ""})
    assert unknown.status_code == 422 and "tidak dikenal" in unknown.text
    assert [(i["name"], i["seconds"]) for i in playlist(web, "lantai2")] == [("satu.png", 20)]
    assert admin.post("/admin/media/tidak-ada.png/ubah", data={"zone": ""}).status_code == 404


def test_the_media_api_changes_zone_and_seconds_and_keeps_what_it_is_not_sent(
        web: AppUnderTest, admin: FlaskClient) -> None:
    upload(admin, image_bytes("PNG"), "satu.png", zone="lantai1", seconds="7")
    upload(admin, VIDEO, "dua.mp4")
    api, kepala = web.client(), web.bearer("kepala")
    seconds_only = api.patch("/api/v1/media/satu.png", json={"seconds": 30}, headers=kepala)
    assert seconds_only.status_code == 200, seconds_only.text
    assert {k: seconds_only.get_json()[k] for k in ("zone", "seconds", "kind")} == \
        {"zone": "lantai1", "seconds": 30, "kind": "image"}
    everywhere = api.patch("/api/v1/media/satu.png", json={"zone": None}, headers=kepala)
    assert (everywhere.get_json()["zone"], everywhere.get_json()["seconds"]) == (None, 30)
    default = api.patch("/api/v1/media/satu.png", json={"seconds": None}, headers=kepala)
    assert default.get_json()["seconds"] == 10
    assert [(i["name"], i["seconds"]) for i in playlist(web)][0] == ("satu.png", 10)
    cases = [
        (api.patch("/api/v1/media/dua.mp4", json={"seconds": 5}, headers=kepala), 422,
         "seconds_for_images_only"),
        (api.patch("/api/v1/media/satu.png", json={"seconds": 2}, headers=kepala), 422,
         "invalid_seconds"),
        (api.patch("/api/v1/media/satu.png", json={"seconds": True}, headers=kepala), 422,
         "invalid_seconds"),
        (api.patch("/api/v1/media/satu.png", json={"zone": "atap"}, headers=kepala), 422,
         "unknown_zone"),
        (api.patch("/api/v1/media/satu.png", json={"zone": 5}, headers=kepala), 422,
         "unknown_zone"),
        (api.patch("/api/v1/media/hilang.png", json={}, headers=kepala), 404, "unknown_media"),
        (api.patch("/api/v1/media/satu.png", json={"zone": None}), 401, "unauthorized"),
    ]
    for answer, status, code in cases:
        assert (answer.status_code, answer.get_json()["error"]) == (status, code), answer.text
    assert api.patch("/api/v1/media/dua.mp4", json={"seconds": None, "zone": "lantai2"},
                     headers=kepala).get_json()["seconds"] is None
