"""POST each notice as JSON to the office's gateway, signed so the gateway can trust it.

Signature: `X-Antrean-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`.
The gateway recomputes it over the raw body and refuses old timestamps (replays).
`X-Antrean-Message-Id` is stable across retries, so the gateway can drop a repeat.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from typing import Any

from antrean.notify.message import DeliveryError, Outbound

SIGNATURE_HEADER = "X-Antrean-Signature"
MESSAGE_ID_HEADER = "X-Antrean-Message-Id"


def signature(secret: str, timestamp: int, body: bytes) -> str:
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},v1={digest.hexdigest()}"


def verify(secret: str, header: str, body: bytes, now: float, tolerance: int = 300) -> bool:
    """What a gateway does with the header (used by the tests; a reference for gateways)."""
    try:
        parts = dict(part.split("=", 1) for part in header.split(","))
        timestamp = int(parts["t"])
    except (KeyError, ValueError):
        return False
    expected = signature(secret, timestamp, body)
    return abs(now - timestamp) <= tolerance and hmac.compare_digest(expected, header)


class WebhookNotifier:
    channel = "webhook"

    def __init__(self, url: str, secret: str, office: str, timeout: float = 5.0,
                 clock: Callable[[], float] = time.time) -> None:
        self.url = url
        self.secret = secret
        self.office = office
        self.timeout = timeout
        self.clock = clock

    def body(self, message: Outbound) -> bytes:
        document: dict[str, Any] = {
            "id": message.key,
            "event": f"booking.{message.event}",
            "office": self.office,
            "to": {"phone": message.recipient, "name": message.name},
            "text": message.text,
            **message.data,
        }
        return json.dumps(document, ensure_ascii=False).encode()

    def send(self, message: Outbound) -> None:
        body = self.body(message)
        request = urllib.request.Request(self.url, data=body, method="POST", headers={
            "Content-Type": "application/json; charset=utf-8",
            "User-Agent": "Antrean-Notifier/1",
            SIGNATURE_HEADER: signature(self.secret, int(self.clock()), body),
            MESSAGE_ID_HEADER: message.key,
        })
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                response.read(1024)
        except urllib.error.HTTPError as error:
            # 4xx says the request itself is wrong: retrying sends the same wrong request.
            retry = error.code >= 500 or error.code in (408, 425, 429)
            raise DeliveryError(f"HTTP {error.code} from the gateway", retry=retry) from error
        except (urllib.error.URLError, OSError) as error:
            raise DeliveryError(f"gateway unreachable: {error}") from error
