"""A real HTTP server on 127.0.0.1 standing in for an office's WhatsApp/SMS gateway."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Received:
    headers: dict[str, str]
    body: bytes


@dataclass
class Gateway:
    url: str
    received: list[Received] = field(default_factory=list)
    statuses: list[int] = field(default_factory=list)  # answers to give, in order; then 200
    delay: float = 0.0


@contextmanager
def running_gateway() -> Iterator[Gateway]:
    gateway = Gateway(url="")
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802  (http.server's naming)
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            with lock:
                gateway.received.append(Received(dict(self.headers.items()), body))
                status = gateway.statuses.pop(0) if gateway.statuses else 200
            if gateway.delay:
                threading.Event().wait(gateway.delay)
            self.send_response(status)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    gateway.url = f"http://127.0.0.1:{server.server_port}/kirim"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield gateway
    finally:
        server.shutdown()
        server.server_close()


def closed_port() -> int:
    """A port nothing listens on: the gateway is down."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def notify_table(url: str, secret: str = "rahasia-gateway-uji-0123", **extra: object) -> str:
    lines = [f'webhook_url = "{url}"', f'webhook_secret = "{secret}"', "retry_seconds = 30",
             *(f"{key} = {value!r}" if not isinstance(value, str) else f'{key} = "{value}"'
               for key, value in extra.items())]
    return "\n[notify]\n" + "\n".join(lines) + "\n"
