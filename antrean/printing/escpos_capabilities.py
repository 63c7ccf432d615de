"""Where python-escpos keeps the printer capabilities it parses on import.

On first import python-escpos parses its database of printer capabilities (a large YAML: about
0.65 s of CPU) and caches the result in a directory named by ESCPOS_CAPABILITIES_PICKLE_DIR,
by default a fresh temporary one. So every process parsed it again (the first ticket a kiosk
printed after a start waited for it) and left a directory in /tmp behind. A lasting directory
per capabilities file (its path, size and time: a new install of escpos is a new file) lets
every later start load the cache instead, and escpos never finds it older than the file.
(escpos still makes an empty temporary directory on each import: it works out its default
even when the variable is set.)

The cache is written once, atomically: a process parses into a private directory and renames
the file into place, so a process starting beside it never reads a half-written file.
"""

from __future__ import annotations

import hashlib
import os
import platform
import tempfile
from importlib.util import find_spec
from pathlib import Path

PICKLE_DIR_VARIABLE = "ESCPOS_CAPABILITIES_PICKLE_DIR"
FILE_VARIABLE = "ESCPOS_CAPABILITIES_FILE"  # escpos's own: another capabilities file


def capabilities_file() -> Path:
    """The file escpos parses, found without importing escpos."""
    if os.environ.get(FILE_VARIABLE):
        return Path(os.environ[FILE_VARIABLE])
    spec = find_spec("escpos")
    if spec is None or not spec.submodule_search_locations:
        raise OSError("python-escpos is not installed")
    return Path(list(spec.submodule_search_locations)[0]) / "capabilities.json"


def cache_directory() -> Path:
    parsed = capabilities_file()
    stat = parsed.stat()
    key = hashlib.sha256(f"{parsed.resolve()}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "antrean" / f"escpos-{key.hexdigest()[:16]}"


def use_lasting_cache() -> None:
    """Call before escpos is imported; an operator's own setting of the variable is kept."""
    if PICKLE_DIR_VARIABLE in os.environ:
        return
    try:
        directory = cache_directory()
        directory.mkdir(parents=True, exist_ok=True)
        cached = directory / f"{platform.python_version()}.capabilities.pickle"
        if not cached.exists():
            _write_cache(directory, cached)
    except OSError:
        return  # no writable cache directory: escpos's own temporary one, as before
    os.environ[PICKLE_DIR_VARIABLE] = str(directory)


def _write_cache(directory: Path, cached: Path) -> None:
    private = Path(tempfile.mkdtemp(dir=directory))
    os.environ[PICKLE_DIR_VARIABLE] = str(private)
    try:
        import escpos.capabilities  # noqa: F401  (parses the YAML, writes its pickle here)

        os.replace(private / cached.name, cached)
    finally:
        del os.environ[PICKLE_DIR_VARIABLE]
        for leftover in private.iterdir():
            leftover.unlink()
        private.rmdir()
