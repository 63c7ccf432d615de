"""Reading the one-time set-up code off a real server's console, as the operator does."""

from __future__ import annotations

import re
import time

from tests.support.live_server import LiveServer

CODE_LINE = re.compile(r"kode penyiapan: ([2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4})")


def setup_code_from_console(server: LiveServer, timeout: float = 10.0) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        match = CODE_LINE.search(server.read_log())
        if match:
            return match.group(1)
        time.sleep(0.1)
    raise AssertionError(f"no set-up code on the console:\n{server.read_log()}")
