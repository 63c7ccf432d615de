"""Uploaded lobby media (images and videos for the TV, agency logos): which files are
accepted, how big they may be, and the names they are served under.

A file is judged by its bytes, never by the name or type the browser sent: a renamed
executable is refused, a PNG called "foto.jpg" is a PNG.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass
from enum import StrEnum

from antrean.core.errors import invalid

MEGABYTE = 1024 * 1024
MAX_IMAGE_BYTES = 2 * MEGABYTE
MAX_VIDEO_BYTES = 100 * MEGABYTE
MAX_NAME_LENGTH = 60  # the part before the extension
DEFAULT_IMAGE_SECONDS = 10
MIN_IMAGE_SECONDS, MAX_IMAGE_SECONDS = 3, 300
# A media name is a single URL segment: lower-case letters, digits and dashes, one extension.
NAME_PATTERN = re.compile(
    rf"[a-z0-9][a-z0-9-]{{0,{MAX_NAME_LENGTH + 8}}}\.(?:png|jpg|webp|gif|mp4|webm)")
# MP4 brands of plain video files; QuickTime, 3GP and HEIF images share the ftyp box.
MP4_BRANDS = frozenset({b"isom", b"iso2", b"iso3", b"iso4", b"iso5", b"iso6", b"mp41",
                        b"mp42", b"avc1", b"dash", b"M4V ", b"MSNV"})
EBML_MAGIC = b"\x1a\x45\xdf\xa3"
EBML_DOCTYPE = b"\x42\x82"

REFUSED_MESSAGE = ("Berkas tidak dikenali. Unggah gambar PNG, JPEG, WebP atau GIF, atau video "
                   "MP4 atau WebM.")


class MediaKind(StrEnum):
    IMAGE = "image"
    VIDEO = "video"


@dataclass(frozen=True)
class MediaType:
    kind: MediaKind
    content_type: str
    extension: str

    @property
    def max_bytes(self) -> int:
        return MAX_IMAGE_BYTES if self.kind is MediaKind.IMAGE else MAX_VIDEO_BYTES


PNG = MediaType(MediaKind.IMAGE, "image/png", "png")
JPEG = MediaType(MediaKind.IMAGE, "image/jpeg", "jpg")
WEBP = MediaType(MediaKind.IMAGE, "image/webp", "webp")
GIF = MediaType(MediaKind.IMAGE, "image/gif", "gif")
MP4 = MediaType(MediaKind.VIDEO, "video/mp4", "mp4")
WEBM = MediaType(MediaKind.VIDEO, "video/webm", "webm")
CONTENT_TYPES = {media.extension: media.content_type for media in (PNG, JPEG, WEBP, GIF, MP4,
                                                                     WEBM)}


def sniff(data: bytes) -> MediaType | None:
    """The media type the bytes really are, or None for anything else."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if data.startswith((b"GIF87a", b"GIF89a")):
        return GIF
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return WEBP
    if data[4:8] == b"ftyp" and data[8:12] in MP4_BRANDS:
        return MP4
    if data.startswith(EBML_MAGIC) and _ebml_doctype(data[:64]) == b"webm":
        return WEBM
    return None


def _ebml_doctype(header: bytes) -> bytes | None:
    """The DocType of a Matroska/WebM header ("webm" or "matroska")."""
    at = header.find(EBML_DOCTYPE, len(EBML_MAGIC))
    if at < 0 or at + 2 >= len(header):
        return None
    first = header[at + 2]
    width = 8 - first.bit_length() + 1 if first else 0  # a vint's leading zeros tell its width
    if not 1 <= width <= 8:
        return None
    size = first & (0xFF >> width)
    for byte in header[at + 3:at + 2 + width]:
        size = size << 8 | byte
    start = at + 2 + width
    return header[start:start + size]


def check_media(data: bytes) -> MediaType:
    """The file's media type, or an Indonesian refusal: unknown kind, empty or too big."""
    if not data:
        raise invalid("empty_media", "Berkas kosong. Pilih gambar atau video yang akan diunggah.")
    media = sniff(data)
    if media is None:
        raise invalid("unsupported_media", REFUSED_MESSAGE)
    if len(data) > media.max_bytes:
        what = "Gambar" if media.kind is MediaKind.IMAGE else "Video"
        raise invalid("media_too_large", f"{what} terlalu besar ({megabytes(len(data))}); "
                      f"paling besar {megabytes(media.max_bytes)}.")
    return media


def check_logo(data: bytes) -> MediaType:
    """An agency's logo: an image as check_media takes it, never a video."""
    media = check_media(data)
    if media.kind is not MediaKind.IMAGE:
        raise invalid("logo_not_image", "Logo harus berupa gambar PNG, JPEG, WebP atau GIF, "
                      "bukan video.")
    return media


def megabytes(size: int) -> str:
    """"1,5 MB", "100 MB", "12 KB": a size as an Indonesian reads it."""
    if size < MEGABYTE:
        return f"{max(1, round(size / 1024))} KB"
    text = f"{size / MEGABYTE:.1f}".replace(".", ",").removesuffix(",0")
    return f"{text} MB"


def safe_media_name(filename: str, extension: str, taken: Collection[str]) -> str:
    """A URL-safe name from what the admin called the file: no folder, no control or
    special characters, the extension of its real type, unique among `taken`."""
    base = re.split(r"[\\/]", filename)[-1]
    base = base.rsplit(".", 1)[0] if "." in base.lstrip(".") else base  # its own extension
    ascii_text = unicodedata.normalize("NFKD", base).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:MAX_NAME_LENGTH]
    slug = slug.strip("-") or "media"
    name, number = f"{slug}.{extension}", 2
    while name in taken:
        name, number = f"{slug}-{number}.{extension}", number + 1
    return name


def is_media_name(text: str) -> bool:
    """Could `text` be a media name at all (checked before any database look-up)."""
    return NAME_PATTERN.fullmatch(text) is not None


def image_seconds(value: object) -> int:
    """How long an image stays on the TV: empty -> the default; else 3..300 whole seconds."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return DEFAULT_IMAGE_SECONDS
    text = str(value).strip()
    if not (text.isascii() and text.isdigit()) or \
            not MIN_IMAGE_SECONDS <= int(text) <= MAX_IMAGE_SECONDS:
        raise invalid("invalid_seconds", f"Lama tampil gambar harus {MIN_IMAGE_SECONDS} sampai "
                      f"{MAX_IMAGE_SECONDS} detik.")
    return int(text)
