"""A real Antrean server process on 127.0.0.1, started through run.py as an operator would."""

from __future__ import annotations

import os
import random
import re
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import requests

from antrean.cli import office_for_cli
from antrean.config import load_settings
from antrean.usecases.access.accounts import create_user
from antrean.usecases.access.devices import create_device
from antrean.usecases.context import Office
from tests.support.server_fork import ZYGOTE_MODES, ForkedServer, fork_server

REPO_ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "rahasia-123"
"""The password every staff account in the live-server tests and benchmarks signs in with."""


# Under pytest-xdist each worker hands out ports from its own block, below the kernel's
# ephemeral range (32768-60999): between the probe closing and the server binding, another
# worker's probe could otherwise be given the same port.
WORKER_PORTS = 1000
_turn = random.randrange(WORKER_PORTS)


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on now."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")  # "gw0", "gw1"... under xdist
    if worker is None:
        return _probe(0)
    global _turn
    first = 20_000 + int(worker.removeprefix("gw")) * WORKER_PORTS
    for _ in range(WORKER_PORTS):
        _turn += 1
        try:
            return _probe(first + _turn % WORKER_PORTS)
        except OSError:
            continue  # taken, or still in TIME_WAIT after an earlier server
    raise RuntimeError(f"no free port in {first}-{first + WORKER_PORTS - 1}")


def _probe(port: int) -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", port))
        return int(probe.getsockname()[1])


@dataclass
class LiveServer:
    config: Path
    database_url: str
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | ForkedServer | None = None
    log_path: Path | None = None
    forked: bool = False
    """Forked from a zygote that imported Antrean once (tests.support.server_fork), instead of
    a new `python run.py` process; either way the server runs run.py's main."""
    _office: Office | None = field(default=None, repr=False)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 90.0) -> LiveServer:
        """Ready in a second or two on a quiet machine; the generous limit is for a shared,
        saturated one, where a start waiting for CPU is slow, not broken."""
        self.log_path = self.config.parent / f"server-{self.port}.log"
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        argv = ["--config", str(self.config), "--database", self.database_url,
                "--port", str(self.port)]
        async_mode = load_settings(self.config).server.async_mode
        if self.forked and async_mode in ZYGOTE_MODES:
            self.process = fork_server(async_mode, argv, REPO_ROOT, self.log_path, env)
        else:
            with self.log_path.open("ab") as log:
                self.process = subprocess.Popen(
                    [sys.executable, str(REPO_ROOT / "run.py"), *argv],
                    cwd=REPO_ROOT, stdout=log, stderr=subprocess.STDOUT, env=env)
        self._wait_ready(timeout)
        return self

    def _wait_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise RuntimeError(f"server exited early:\n{self.read_log()}")
            try:
                if requests.get(f"{self.url}/api/v1/services", timeout=1).ok:
                    return
            except requests.RequestException:
                time.sleep(0.1)
        raise RuntimeError(f"server not ready after {timeout}s:\n{self.read_log()}")

    def read_log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path else ""

    def stop(self, kill: bool = False) -> None:
        self._close_office()
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGKILL if kill else signal.SIGTERM)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)

    @property
    def office(self) -> Office:
        """The server's office as run.py's create-user sees it: the same config.toml and
        database URL, opened in the test process; accounts and devices go through the use
        cases, without spawning a process."""
        if self._office is None:
            self._office = office_for_cli(load_settings(self.config), self.database_url)
        return self._office

    def _close_office(self) -> None:
        if self._office is not None:
            self._office.sessions.kw["bind"].dispose()
            self._office = None

    def create_user(self, username: str, password: str, role: str) -> None:
        create_user(self.office, username, password, role)

    def with_users(self, **roles: str) -> LiveServer:
        """Create one staff account per username=role, all with PASSWORD."""
        for username, role in roles.items():
            self.create_user(username, PASSWORD, role)
        return self

    def create_device(self, role: str = "display", name: str = "", public_url: str = "") -> str:
        """A paired TV ("display") or kiosk ("kiosk", with `public_url`: the address its QR
        codes carry); returns its token."""
        _, token = create_device(self.office, name or f"{role} uji", role, public_url=public_url)
        return token

    def pair_url(self, token: str) -> str:
        return f"{self.url}/devices/pair?token={token}"

    def login(self, username: str, password: str) -> dict[str, str]:
        response = requests.post(f"{self.url}/api/v1/auth/login",
                                 json={"username": username, "password": password}, timeout=10)
        response.raise_for_status()
        return {"Authorization": f"Bearer {response.json()['token']}"}

    def web_session(self, username: str, password: str) -> requests.Session:
        """A requests session signed in through the login form, with its CSRF header set."""
        web = requests.Session()
        form = web.get(f"{self.url}/console/login", timeout=10)
        response = web.post(f"{self.url}/console/login", timeout=10, allow_redirects=False,
                            data={"username": username, "password": password,
                                  "csrf_token": csrf_from(form.text)})
        if response.status_code != 302:
            raise AssertionError(f"sign-in failed: {response.status_code}")
        web.headers["X-CSRF-Token"] = csrf_from(web.get(f"{self.url}/console/login",
                                                        timeout=10).text)
        return web


def csrf_from(html: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    if match is None:
        raise AssertionError("no CSRF token in the page")
    return match.group(1)
