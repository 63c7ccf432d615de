"""The [server] keys for several processes, proxies and limits; run.py's --message-queue."""

from __future__ import annotations

import pytest

from antrean.config import ConfigError, parse_settings, with_message_queue

MINIMAL = {
    "office": {"name": "Kantor", "timezone": "Asia/Jakarta"},
    "services": [{"code": "KTP", "name": "KTP-el", "prefix": "A"}],
    "counters": [{"number": 1, "services": ["KTP"]}],
}


def settings_with(**server: object):  # type: ignore[no-untyped-def]
    return parse_settings({**MINIMAL, "server": server})


def test_defaults_trust_no_proxy_and_share_one_channel() -> None:
    server = settings_with().server
    assert (server.message_queue, server.message_queue_channel, server.proxy_hops) == \
        ("", "antrean", 0)
    assert (server.ticket_rate_limit_per_minute, server.failed_logins_per_minute) == (30, 10)


@pytest.mark.parametrize(("key", "value", "message"), [
    ("message_queue_channel", "kantor lain", "server.message_queue_channel"),
    ("message_queue", "amqp://x", "server.message_queue"),
    ("proxy_hops", 9, "server.proxy_hops"),
    ("failed_logins_per_minute", 0, "server.failed_logins_per_minute"),
])
def test_bad_server_keys_are_named(key: str, value: object, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        settings_with(**{key: value})


def test_the_command_line_message_queue_overrides_the_file() -> None:
    settings = with_message_queue(settings_with(message_queue_channel="kec-martapura"),
                                  "redis://10.0.0.5:6379/1")
    assert settings.server.message_queue == "redis://10.0.0.5:6379/1"
    assert settings.server.message_queue_channel == "kec-martapura"
    with pytest.raises(ConfigError, match="--message-queue"):
        with_message_queue(settings, "http://nope")
