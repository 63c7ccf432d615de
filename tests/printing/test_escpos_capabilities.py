"""python-escpos's parsed printer capabilities are cached once per machine, not per process
(antrean.printing.escpos_capabilities): in fresh Python processes, each with its own cache
home and temporary directory."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from antrean.printing.escpos_capabilities import capabilities_file

pytestmark = pytest.mark.live  # Python processes of their own: escpos reads the cache on import

REPO = Path(__file__).resolve().parents[2]
IMPORT = "import antrean.printing.escpos_render; from escpos.capabilities import CAPABILITIES; " \
         "assert CAPABILITIES['profiles']"
# yaml.safe_load is what parses the capabilities: refused, the import works only from the cache.
WITHOUT_PARSING = "import yaml; yaml.safe_load = None; " + IMPORT


def started(home: Path, code: str, **extra: str) -> subprocess.Popen[str]:
    temporary = home / "tmp"
    temporary.mkdir(parents=True, exist_ok=True)
    environment = {key: value for key, value in os.environ.items()
                   if key != "ESCPOS_CAPABILITIES_PICKLE_DIR"}
    environment.update(XDG_CACHE_HOME=str(home / "cache"), TMPDIR=str(temporary),
                       PYTHONPATH=str(REPO), **extra)
    return subprocess.Popen([sys.executable, "-c", code], env=environment, cwd=REPO,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def finished(process: subprocess.Popen[str]) -> None:
    output, _ = process.communicate(timeout=60)
    assert process.returncode == 0, output


def pickles(home: Path) -> list[Path]:
    return sorted((home / "cache").rglob("*.capabilities.pickle"))


def test_the_second_process_loads_the_cache_and_nothing_is_left_in_tmp(tmp_path: Path) -> None:
    with pytest.raises(AssertionError):  # the check can fail: no cache yet, nothing to load
        finished(started(tmp_path, WITHOUT_PARSING))
    finished(started(tmp_path, IMPORT))
    [cached] = pickles(tmp_path)
    assert cached.parent.name.startswith("escpos-")
    finished(started(tmp_path, WITHOUT_PARSING))
    # escpos makes an empty temporary directory on every import whatever the setting (its
    # default is worked out anyway); no process leaves a cache file there any more.
    assert [path for path in (tmp_path / "tmp").rglob("*") if path.is_file()] == []
    assert list(cached.parent.iterdir()) == [cached]  # no private directory left behind


def test_processes_starting_together_on_an_empty_cache_all_load_it(tmp_path: Path) -> None:
    for process in [started(tmp_path, IMPORT) for _ in range(4)]:
        finished(process)
    [cached] = pickles(tmp_path)
    assert list(cached.parent.iterdir()) == [cached]
    finished(started(tmp_path, WITHOUT_PARSING))


def test_a_new_install_of_escpos_gets_a_cache_of_its_own(tmp_path: Path) -> None:
    """A new virtualenv holds a newer capabilities file than the cache. escpos would then parse
    it again into the shared cache, in place, while processes starting beside it read the
    half-written file (CI's first run: EOFError in three of four pytest workers)."""
    installed = tmp_path / "capabilities.json"
    installed.write_bytes(capabilities_file().read_bytes())
    finished(started(tmp_path, IMPORT, ESCPOS_CAPABILITIES_FILE=str(installed)))
    later = installed.stat().st_mtime_ns + 10**9  # reinstalled: newer than the cache
    os.utime(installed, ns=(later, later))
    for process in [started(tmp_path, IMPORT, ESCPOS_CAPABILITIES_FILE=str(installed))
                    for _ in range(4)]:
        finished(process)
    assert len(pickles(tmp_path)) == 2  # the old install's and the new one's


def test_an_operators_own_directory_is_kept(tmp_path: Path) -> None:
    own = tmp_path / "own"
    own.mkdir()
    finished(started(tmp_path, IMPORT, ESCPOS_CAPABILITIES_PICKLE_DIR=str(own)))
    assert [path.name for path in own.iterdir()][0].endswith(".capabilities.pickle")
    assert pickles(tmp_path) == []
