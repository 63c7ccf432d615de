"""GET /media/<name>: uploaded images and videos, public (lobby TVs, agency logos).

The database holds the files; each server process keeps a copy on its own disk, named by
the content's SHA-256, so a video is read from the database once and every Range request a
TV makes while playing it (seeking, looping) is a plain file read. A copy never goes stale:
another content is another name.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from flask import Blueprint, send_file
from werkzeug.wrappers import Response

from antrean.core.errors import not_found
from antrean.usecases.setup import media_library
from antrean.usecases.setup.media_library import MediaEntry
from antrean.web.auth import public
from antrean.web.office import current_office

media_files = Blueprint("media_files", __name__)

# Browsers ask again after five minutes (a cheap 304 while the file is the same).
MAX_AGE_SECONDS = 300
NOT_FOUND_MESSAGE = "Berkas media '{name}' tidak ditemukan."


@media_files.get("/media/<name>")
@public
def media_file(name: str) -> Response:
    office = current_office()
    entry = media_library.find_media(office, name)
    path = _local_copy(entry) if entry is not None else None
    if entry is None or path is None:
        raise not_found("unknown_media", NOT_FOUND_MESSAGE.format(name=name[:80]))
    return send_file(path, mimetype=entry.content_type, conditional=True, etag=entry.sha256,
                     last_modified=entry.created_at, max_age=MAX_AGE_SECONDS)


def cache_folder() -> Path:
    """Beside the config, like the session key: instance/media/."""
    source = current_office().settings.source
    return (source.parent if source else Path.cwd()) / "instance" / "media"


def _local_copy(entry: MediaEntry) -> Path | None:
    path = cache_folder() / entry.sha256
    if path.exists():
        return path
    data = media_library.media_bytes(current_office(), entry)
    if data is None:
        return None  # removed or replaced since it was looked up
    path.parent.mkdir(parents=True, exist_ok=True)
    # Written aside and renamed: a request in another thread never reads half a file.
    partial = path.with_name(f"{entry.sha256}.{os.getpid()}.{secrets.token_hex(4)}.part")
    partial.write_bytes(data)
    os.replace(partial, path)
    return path
