"""A real python-socketio client that records what a screen would receive."""

from __future__ import annotations

import queue
import time
from typing import Any

import socketio


class ScreenClient:
    def __init__(self, url: str, namespace: str = "/display") -> None:
        self.namespace = namespace
        self.received: queue.Queue[tuple[str, Any]] = queue.Queue()
        self.client = socketio.Client(reconnection=True, reconnection_delay=0.2)
        for name in ("snapshot", "called", "ticket", "queue_changed"):
            self.client.on(name, self._recorder(name), namespace=namespace)
        self.client.connect(url, namespaces=[namespace], transports=["websocket"],
                            wait_timeout=10)

    def _recorder(self, name: str) -> Any:
        def record(data: Any) -> None:
            self.received.put((name, data))
        return record

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
