"""run.py servers forked from a process that has imported Antrean once.

A test session starts about 110 servers, each about a second of CPU, and more than half of it
is Python importing Flask, SQLAlchemy, Socket.IO, eventlet and Antrean. A zygote process per
async mode (one per pytest worker) imports all of that once, patched as run.py patches for that
mode, and forks a server per start; the server then runs run.py's main with its own arguments,
environment, working directory and log, as `python run.py ...` would from there on.

The server is forked twice so that it is orphaned at once and adopted by the test process
(prctl PR_SET_CHILD_SUBREAPER): the test waits for it, signals it and reads its exit status
as for any child of its own (ForkedServer). Tests about what a start itself prints (warnings
on import, the first run's console) start run.py as a new process instead (LiveServer
`forked=False`).
"""

from __future__ import annotations

import ctypes
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
ZYGOTE_MODES = ("threading", "eventlet")
"""gevent servers, which few tests start, are started as new processes."""

PR_SET_CHILD_SUBREAPER = 36


class ForkedServer:
    """The part of subprocess.Popen a LiveServer uses, for a server the zygote forked."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() > deadline:
                raise subprocess.TimeoutExpired(f"server {self.pid}", timeout or 0)
            time.sleep(0.02)
        assert self.returncode is not None
        return self.returncode

    def send_signal(self, signum: int) -> None:
        if self.poll() is None:
            os.kill(self.pid, signum)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)


class _Zygote:
    def __init__(self, async_mode: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.support.server_fork", async_mode], cwd=REPO_ROOT,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE)

    def fork(self, argv: list[str], cwd: Path, log: Path, env: dict[str, str]) -> int:
        assert self.process.stdin is not None and self.process.stdout is not None
        request = {"argv": argv, "cwd": str(cwd), "log": str(log), "env": env}
        self.process.stdin.write(json.dumps(request).encode() + b"\n")
        self.process.stdin.flush()
        answer = self.process.stdout.readline()
        if not answer:
            raise RuntimeError(f"the server zygote exited ({self.process.wait()})")
        return int(json.loads(answer)["pid"])


_zygotes: dict[str, _Zygote] = {}
_lock = threading.Lock()


def fork_server(async_mode: str, argv: list[str], cwd: Path, log: Path,
                env: dict[str, str]) -> ForkedServer:
    """Start `run.py argv` forked from this mode's zygote (started on first use)."""
    with _lock:
        zygote = _zygotes.get(async_mode)
        if zygote is None or zygote.process.poll() is not None:
            if ctypes.CDLL(None, use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0):
                raise OSError(ctypes.get_errno(), "prctl(PR_SET_CHILD_SUBREAPER)")
            zygote = _zygotes[async_mode] = _Zygote(async_mode)
        return ForkedServer(zygote.fork(argv, cwd, log, env))


# --- the zygote itself -----------------------------------------------------------------------

def _serve_forks(async_mode: str) -> None:
    import posix  # the unpatched calls: eventlet's green os would start a hub here

    import run

    run._patch_for(async_mode)
    # Everything run.py's serve and build_app import, and its commands' modules.
    import antrean.cli  # noqa: F401
    import antrean.realtime.socket  # noqa: F401
    import antrean.web.app  # noqa: F401
    import antrean.web.booking_worker  # noqa: F401
    import display.views  # noqa: F401
    import kiosk.views  # noqa: F401
    if async_mode == "eventlet":
        import eventlet.wsgi  # noqa: F401

    requests_in, answers = sys.stdin.buffer, sys.stdout.buffer
    for line in requests_in:
        request = json.loads(line)
        read_end, write_end = posix.pipe()
        child = posix.fork()
        if child == 0:  # forks the server, tells its pid and leaves it orphaned
            posix.close(read_end)
            server = posix.fork()
            if server == 0:
                posix.close(write_end)
                _become_server(request)
            posix.write(write_end, str(server).encode())
            posix._exit(0)
        posix.close(write_end)
        server = int(posix.read(read_end, 32))
        posix.close(read_end)
        posix.waitpid(child, 0)
        answers.write(json.dumps({"pid": server}).encode() + b"\n")
        answers.flush()


def _become_server(request: dict[str, object]) -> None:
    code = 1
    try:
        log = os.open(str(request["log"]), os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        devnull = os.open(os.devnull, os.O_RDONLY)
        os.dup2(devnull, 0)
        os.dup2(log, 1)
        os.dup2(log, 2)
        os.close(log)
        os.close(devnull)
        os.chdir(str(request["cwd"]))
        os.environ.clear()
        os.environ.update(request["env"])  # type: ignore[arg-type]
        sys.stdout.reconfigure(line_buffering=True, write_through=True)  # type: ignore[union-attr]
        sys.stderr.reconfigure(line_buffering=True, write_through=True)  # type: ignore[union-attr]
        sys.argv = ["run.py", *request["argv"]]  # type: ignore[misc]
        import run

        code = run.main(list(request["argv"]))  # type: ignore[call-overload]
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else 1
    except BaseException:  # noqa: BLE001 - printed to the server's log, as python would
        import traceback

        traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


if __name__ == "__main__":
    _serve_forks(sys.argv[1])
