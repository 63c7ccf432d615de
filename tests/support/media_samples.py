"""Small real media files for tests: images drawn with Pillow, and the first bytes of real
MP4 and WebM files (what a browser or ffmpeg writes), enough for the checks on their type."""

from __future__ import annotations

import io
import os

from PIL import Image

# An MP4 "ftyp" box as ffmpeg writes it (brand isom, compatible isom iso2 avc1 mp41).
MP4_HEAD = b"\x00\x00\x00\x20ftypisom\x00\x00\x02\x00isomiso2avc1mp41"
# The EBML header Chromium's MediaRecorder writes: DocType "webm", version 4.
WEBM_HEAD = bytes.fromhex("1a45dfa39f4286810142f7810142f2810442f38108"
                          "4282847765626d4287810442858102")
# The same header saying "matroska": a .mkv, which TVs' browsers may not play.
MATROSKA_HEAD = bytes.fromhex("1a45dfa3a34286810142f7810142f2810442f3810842828"
                              "86d6174726f736b614287810442858102")


def image_bytes(fmt: str = "PNG", size: tuple[int, int] = (64, 36),
                colour: tuple[int, int, int] = (11, 79, 138)) -> bytes:
    """A real image file in `fmt` (PNG, JPEG, WEBP, GIF, BMP...)."""
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, format=fmt)
    return out.getvalue()


def noisy_png(size_bytes: int) -> bytes:
    """A real PNG at least `size_bytes` long (random pixels do not compress)."""
    side = int((size_bytes / 3) ** 0.5) + 8
    image = Image.frombytes("RGB", (side, side), os.urandom(side * side * 3))
    out = io.BytesIO()
    image.save(out, format="PNG", compress_level=0)
    return out.getvalue()
