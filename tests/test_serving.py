"""What run.py tells the operator when it serves: a port another server holds is refused
(two servers never split the screens' connections, SO_REUSEPORT), and a missing public_url is
warned about in one line."""

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


WARNING = "PERINGATAN: [server] public_url belum diisi"


@pytest.mark.parametrize("public_url", ["", "http://192.168.1.10:5000"])
def test_serving_without_public_url_warns_in_one_line(start_server: ServerStarter,
                                                      public_url: str) -> None:
    server = start_server(server_extra=f'public_url = "{public_url}"')
    log = server.read_log()
    warnings = [line for line in log.splitlines() if WARNING in line]
    assert len(warnings) == (0 if public_url else 1)
    # Nor Werkzeug's development-server banner and production warning (threading mode).
    assert "development server" not in log and "production" not in log
    if warnings:
        assert "public_url = \"http://192.168.1.10:5000\"" in warnings[0]
