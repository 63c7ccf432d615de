"""Runs the pages' own JavaScript modules under node: the file the browser loads, unchanged."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.support.live_server import REPO_ROOT

STATIC_JS = REPO_ROOT / "antrean" / "web" / "static" / "js"


def run_node(module: Path, runner: str, payload: Any, timezone: str = "UTC") -> Any:
    """`runner` gets the module's exports from require(process.argv[1]) and the payload as
    JSON on stdin, and prints its answer as JSON. `timezone` is the machine's own zone. A test
    that gets here asks for the `node` fixture, which marks it live (tests/conftest.py)."""
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not installed (Debian package nodejs)")
    done = subprocess.run([node, "-e", runner, str(module)], check=True, capture_output=True,
                          input=json.dumps(payload), text=True, timeout=60,
                          env={**os.environ, "TZ": timezone})
    return json.loads(done.stdout)
