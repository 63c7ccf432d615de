"""A second run.py on a port that a server already holds refuses to start and says why, so
two servers never split the screens' connections between them (SO_REUSEPORT)."""

from __future__ import annotations

import subprocess
import sys

import pytest
import requests

from tests.conftest import ServerStarter
from tests.support.live_server import REPO_ROOT


@pytest.mark.parametrize("async_mode", ["eventlet", "threading"])
def test_a_second_server_on_a_busy_port_refuses_to_start(start_server: ServerStarter,
                                                         async_mode: str) -> None:
    first = start_server(async_mode=async_mode)
    second = subprocess.run(
        [sys.executable, str(REPO_ROOT / "run.py"), "--config", str(first.config),
         "--database", first.database_url, "--port", str(first.port)],
        cwd=REPO_ROOT, capture_output=True, text=True, timeout=30)
    assert second.returncode == 1, second.stderr
    message = second.stderr.strip().splitlines()[-1]
    assert f"port {first.port} di 127.0.0.1 sudah dipakai" in message
    assert "Traceback" not in second.stderr
    for _ in range(20):  # every request still reaches the first server, which is alive
        assert requests.get(f"{first.url}/api/v1/services", timeout=5).ok
    assert first.process is not None and first.process.poll() is None
