"""A server forked from the zygote (tests.support.server_fork) is run.py's, and the test's own
child: its exit status, its log and its signals are those of `python run.py`."""

from __future__ import annotations

import os
import signal

import pytest

from tests.conftest import ServerStarter
from tests.support.live_server import LiveServer


@pytest.mark.parametrize("async_mode", ["eventlet", "threading"])
def test_a_forked_server_is_a_child_of_the_test_and_dies_of_kill_9(
        start_server: ServerStarter, async_mode: str) -> None:
    server = start_server(async_mode=async_mode)
    assert server.process is not None and not hasattr(server.process, "stdin")  # forked
    with open(f"/proc/{server.process.pid}/stat") as stat:
        assert int(stat.read().rsplit(")", 1)[1].split()[1]) == os.getpid()  # its parent
    assert f"({async_mode})" in server.read_log()
    server.process.send_signal(signal.SIGKILL)
    assert server.process.wait(timeout=10) == -signal.SIGKILL


def test_a_forked_server_on_a_busy_port_exits_1_with_run_py_s_message(
        start_server: ServerStarter) -> None:
    first = start_server()
    second = LiveServer(first.config, first.database_url, port=first.port, forked=True)
    try:
        second.start()  # ready at once: the first server answers on that port
    except RuntimeError as error:  # or it exited before anything was asked
        assert "server exited early" in str(error)
    assert second.process is not None and second.process.wait(timeout=10) == 1
    assert f"port {first.port} di 127.0.0.1 sudah dipakai" in second.read_log()
