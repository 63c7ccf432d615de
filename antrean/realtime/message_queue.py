"""Redis between server processes, made so that no call goes unannounced when it fails.

python-socketio's RedisManager gives up on a publish that fails (the event is dropped) and
waits up to a minute between attempts to listen again. Here:
- a publish that fails is kept, in order, and retried every half second until Redis takes
  it; an event sent late says so ("late": true), so a screen asks for the current state
  instead of announcing a call that may be over;
- listening is retried every half second, and once it is back the process tells its own
  screens to catch up ("resync"): whatever was published while it was deaf is lost to it.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from typing import Any

from socketio import RedisManager

log = logging.getLogger(__name__)

RETRY_SECONDS = 0.5
OUTBOX_LIMIT = 10_000  # at a few events a second, hours of an outage


class ReliableRedisManager(RedisManager):  # type: ignore[misc]
    def __init__(self, url: str, channel: str, on_resubscribed: Callable[[], None]) -> None:
        super().__init__(url, channel=channel,
                         redis_options={"socket_connect_timeout": 2})
        self._outbox: deque[dict[str, Any]] = deque(maxlen=OUTBOX_LIMIT)
        # One sender at a time (green under eventlet and gevent): a request and the retry
        # task must not both send, or both drop, the oldest kept event.
        self._sending = threading.Lock()
        self._retrying = False
        self._on_resubscribed = on_resubscribed

    def _publish(self, data: dict[str, Any]) -> None:
        with self._sending:
            if self._flush() and self._try_publish(data):
                return
            self._outbox.append(_late(data))  # behind the ones still waiting: order kept
        self._start_retrying()

    def _flush(self) -> bool:
        """Send what is kept, oldest first; True once nothing is left."""
        while self._outbox and self._try_publish(self._outbox[0]):
            self._outbox.popleft()
        return not self._outbox

    def _try_publish(self, data: dict[str, Any]) -> bool:
        try:
            if not self.connected:
                self._redis_connect()
            self.redis.publish(self.channel, self.json.dumps(data))
            return True
        except Exception as exc:  # noqa: BLE001 - any failure: keep it and try again later
            self.connected = False
            log.warning("message queue unreachable, %d event(s) kept to resend: %s",
                        len(self._outbox) + 1, exc)
            return False

    def _start_retrying(self) -> None:
        if not self._retrying:
            self._retrying = True
            self.server.start_background_task(self._retry)

    def _retry(self) -> None:
        while True:
            self.server.sleep(RETRY_SECONDS)
            with self._sending:
                kept = len(self._outbox)
                sent = self._flush()
                if sent:
                    self._retrying = False
            if sent:  # as loud as the outage was
                log.warning("message queue reachable again: %d kept event(s) resent", kept)
                return

    def _redis_listen_with_retries(self) -> Iterator[Any]:  # pragma: no cover - real Redis
        deaf = False
        while True:
            try:
                self._redis_connect()
                self.pubsub.subscribe(self.channel)
                if deaf:
                    deaf = False
                    log.info("listening to the message queue again; screens catch up")
                    self._on_resubscribed()
                yield from self.pubsub.listen()
            except Exception as exc:  # noqa: BLE001 - Redis down or restarting
                if not deaf:
                    log.warning("cannot listen to the message queue, retrying: %s", exc)
                deaf = True
                time.sleep(RETRY_SECONDS)


def _late(data: dict[str, Any]) -> dict[str, Any]:
    if data.get("method") != "emit":
        return data
    payloads = data.get("data") or []
    if payloads and isinstance(payloads[0], dict):
        return {**data, "data": [{**payloads[0], "late": True}, *payloads[1:]]}
    return data
