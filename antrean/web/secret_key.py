"""The session-signing key, persisted so a restart does not log every petugas out."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from antrean.config import Settings


def secret_key_path(settings: Settings) -> Path:
    if settings.server.secret_key_file:
        return Path(settings.server.secret_key_file)
    base = settings.source.parent if settings.source else Path.cwd()
    return base / "instance" / "secret_key"


def load_or_create_secret_key(settings: Settings) -> str:
    env_key = os.environ.get("ANTREAN_SECRET_KEY")
    if env_key:
        return env_key
    path = secret_key_path(settings)
    if path.exists():
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    # Create with owner-only permissions; if another process won the race, use its key.
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text().strip()
    with os.fdopen(fd, "w") as handle:
        handle.write(key)
    return key
