"""A real python-socketio client that records what a screen would receive."""

from __future__ import annotations

import queue
import time
from typing import Any

import requests
import socketio


class ScreenClient:
    def __init__(self, url: str, namespace: str = "/display", token: str | None = None,
                 headers: dict[str, str] | None = None, socketio_path: str = "socket.io") -> None:
        """`token`: a device's or user's token (the /display feed needs one, or a session
        cookie passed in `headers`); `socketio_path`: "kantor/<code>/socket.io" for a screen
        of one of a deployment's offices."""
        self.namespace = namespace
        self.received: queue.Queue[tuple[str, Any]] = queue.Queue()
        self.client = socketio.Client(reconnection=True, reconnection_delay=0.2)
        self.client.on("*", self._record, namespace=namespace)  # every event, by name
        self.client.connect(url, namespaces=[namespace], transports=["websocket"],
                            wait_timeout=10, auth={"token": token} if token else None,
                            headers=headers or {}, socketio_path=socketio_path)

    def _record(self, event: str, data: Any = None) -> None:
        self.received.put((event, data))

    def wait_for(self, name: str, timeout: float = 5.0) -> Any:
        """The next event called `name`; others received meanwhile are dropped."""
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(f"no '{name}' event within {timeout}s")
            try:
                event, data = self.received.get(timeout=remaining)
            except queue.Empty as exc:
                raise TimeoutError(f"no '{name}' event within {timeout}s") from exc
            if event == name:
                return data

    def call(self, event: str, data: Any = None) -> Any:
        return self.client.call(event, data, namespace=self.namespace, timeout=10)

    def close(self) -> None:
        self.client.disconnect()


def cookie_header(web: requests.Session) -> dict[str, str]:
    """The headers that carry a requests session's cookies into a Socket.IO handshake."""
    return {"Cookie": "; ".join(f"{name}={value}" for name, value in web.cookies.items())}
