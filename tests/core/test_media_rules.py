"""Lobby media are judged by their bytes, kept within size limits and served under safe names."""

from __future__ import annotations

import pytest

from antrean.core.errors import DomainError
from antrean.core.media_rules import (
    DEFAULT_IMAGE_SECONDS,
    MAX_IMAGE_BYTES,
    MAX_VIDEO_BYTES,
    MediaKind,
    check_media,
    image_seconds,
    is_media_name,
    megabytes,
    safe_media_name,
    sniff,
)
from tests.support.media_samples import (
    MATROSKA_HEAD,
    MP4_HEAD,
    WEBM_HEAD,
    image_bytes,
    noisy_png,
)


@pytest.mark.parametrize(("data", "content_type", "extension"), [
    (image_bytes("PNG"), "image/png", "png"),
    (image_bytes("JPEG"), "image/jpeg", "jpg"),
    (image_bytes("WEBP"), "image/webp", "webp"),
    (image_bytes("GIF"), "image/gif", "gif"),
    (MP4_HEAD + b"\x00" * 100, "video/mp4", "mp4"),
    (WEBM_HEAD + b"\x18\x53\x80\x67", "video/webm", "webm"),
])
def test_a_file_is_known_by_its_bytes(data: bytes, content_type: str, extension: str) -> None:
    media = check_media(data)
    assert (media.content_type, media.extension) == (content_type, extension)
    assert media.kind is (MediaKind.VIDEO if content_type.startswith("video/")
                          else MediaKind.IMAGE)


@pytest.mark.parametrize("data", [
    image_bytes("BMP"), image_bytes("TIFF"), b"%PDF-1.7\n", b"MZ\x90\x00" + b"\x00" * 60,
    b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>",
    b"<html><script>x</script></html>", MATROSKA_HEAD,
    b"\x00\x00\x00\x14ftypqt  \x00\x00\x02\x00qt  ",  # QuickTime .mov
    b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic",  # an iPhone HEIF photo
    b"RIFF\x24\x00\x00\x00WAVEfmt ",  # a WAV is RIFF too, but not WebP
    b"GIF", b"\x89PN",
])
def test_anything_else_is_refused_in_indonesian(data: bytes) -> None:
    assert sniff(data) is None
    with pytest.raises(DomainError) as refused:
        check_media(data)
    assert refused.value.code == "unsupported_media"
    assert "Unggah gambar PNG, JPEG, WebP atau GIF" in refused.value.message


def test_the_name_or_type_the_browser_sent_does_not_matter() -> None:
    """A PNG named "promo.mp4" is a PNG; its served name gets the extension of what it is."""
    media = check_media(image_bytes("PNG"))
    assert safe_media_name("promo.mp4", media.extension, set()) == "promo.png"


def test_an_empty_file_is_refused() -> None:
    with pytest.raises(DomainError, match="Berkas kosong"):
        check_media(b"")


def test_images_may_be_2_mb_and_videos_100_mb() -> None:
    big_png = noisy_png(MAX_IMAGE_BYTES + 1)
    with pytest.raises(DomainError) as refused:
        check_media(big_png)
    assert refused.value.code == "media_too_large"
    assert refused.value.message.startswith("Gambar terlalu besar (")
    assert refused.value.message.endswith("paling besar 2 MB.")
    video = MP4_HEAD + bytes(MAX_VIDEO_BYTES - len(MP4_HEAD))
    assert check_media(video).kind is MediaKind.VIDEO
    with pytest.raises(DomainError, match="Video terlalu besar .*paling besar 100 MB"):
        check_media(video + b"\x00")


def test_sizes_read_as_indonesians_write_them() -> None:
    assert megabytes(3 * 1024 * 1024 // 2) == "1,5 MB"
    assert megabytes(100 * 1024 * 1024) == "100 MB"
    assert megabytes(12_000) == "12 KB"
    assert megabytes(10) == "1 KB"


@pytest.mark.parametrize(("filename", "name"), [
    ("Promo Layanan KTP.png", "promo-layanan-ktp.png"),
    ("C:\\Users\\admin\\Desktop\\logo.png", "logo.png"),
    ("../../etc/passwd", "passwd.png"),
    ("/var/www/../../x.png", "x.png"),
    ("jadwal\x00\r\n\x1b[31m.png", "jadwal-31m.png"),
    ("Dinas Kependudukan & Catatan Sipil.PNG", "dinas-kependudukan-catatan-sipil.png"),
    ("Pengumuman é ü ½.png", "pengumuman-e-u-12.png"),
    ("😀😀.png", "media.png"),
    ("", "media.png"),
    (".png", "png.png"),
    ("foto.profil.jpg", "foto-profil.png"),
    ("a" * 300 + ".png", "a" * 60 + ".png"),
])
def test_names_are_made_safe(filename: str, name: str) -> None:
    made = safe_media_name(filename, "png", set())
    assert made == name
    assert is_media_name(made)


def test_a_name_already_taken_gets_a_number() -> None:
    taken = {"promo.mp4", "promo-2.mp4"}
    assert safe_media_name("promo.mp4", "mp4", taken) == "promo-3.mp4"
    assert safe_media_name("promo.mp4", "webm", taken) == "promo.webm"


@pytest.mark.parametrize("text", ["../x.png", "x.exe", "X.PNG", "a/b.png", ".png", "a.png\n",
                                  "a" * 80 + ".png", "a b.png", "%2e%2e.png"])
def test_only_safe_names_are_looked_up(text: str) -> None:
    assert not is_media_name(text)


@pytest.mark.parametrize(("value", "seconds"), [(None, DEFAULT_IMAGE_SECONDS),
                                                ("", DEFAULT_IMAGE_SECONDS), (" 15 ", 15),
                                                ("3", 3), ("300", 300)])
def test_how_long_an_image_stays(value: object, seconds: int) -> None:
    assert image_seconds(value) == seconds


@pytest.mark.parametrize("value", ["2", "301", "-5", "abc", "1.5", "²", "٣٠", "9" * 30])
def test_an_image_time_out_of_range_is_refused(value: str) -> None:
    with pytest.raises(DomainError, match="3 sampai 300 detik"):
        image_seconds(value)
