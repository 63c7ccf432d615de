"""The Socket.IO event names are declared once (SocketEvent) and the browser scripts use the same
ones: a name changed on one side only would leave a screen silently deaf."""

from __future__ import annotations

import re
from pathlib import Path

from antrean.realtime.socket import SocketEvent

REPO_ROOT = Path(__file__).resolve().parents[2]
SCRIPT_DIRS = ("antrean/web/static/js", "display/static/js", "kiosk/static/js")
SOCKET_IO_OWN = {"connect", "disconnect", "connect_error"}
ANSWERED = {SocketEvent.SNAPSHOT, SocketEvent.FOLLOW}  # a screen asks, the server answers


def names_in_scripts(call: str) -> set[str]:
    pattern = re.compile(rf'\.{call}\("([a-z_]+)"')
    return {name for directory in SCRIPT_DIRS for script in (REPO_ROOT / directory).glob("*.js")
            for name in pattern.findall(script.read_text())}


def test_scripts_listen_for_exactly_what_the_server_sends() -> None:
    sent = {str(event) for event in SocketEvent if event is not SocketEvent.FOLLOW}
    assert names_in_scripts("on") - SOCKET_IO_OWN == sent


def test_scripts_ask_only_what_the_server_answers() -> None:
    assert names_in_scripts("emit") == {str(event) for event in ANSWERED}
