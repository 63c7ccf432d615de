"""Test office configurations, written as real config.toml files."""

from __future__ import annotations

from pathlib import Path

BASE_CONFIG = """
[office]
name = "Kecamatan Uji Coba"
timezone = "{timezone}"
announcement_repeat = 1

[server]
async_mode = "{async_mode}"
message_queue = "{message_queue}"
secret_key_file = "{secret_key_file}"
message_queue_channel = "{channel}"
ticket_rate_limit_per_minute = {rate_limit}
failed_logins_per_minute = {failed_logins}
{server_extra}

[[services]]
code = "KTP"
name = "KTP-el"
prefix = "A"
target_wait_minutes = 30
daily_quota = {quota}
average_service_minutes = 10
requirements = ["Fotokopi Kartu Keluarga"]

[[services]]
code = "KK"
name = "Kartu Keluarga"
prefix = "B"
target_wait_minutes = 20

[[services]]
code = "AKTA"
name = "Akta Kelahiran"
prefix = "C"
{extra_service}

[[counters]]
number = 1
name = "Loket 1"
services = ["KTP", "KK"]

[[counters]]
number = 2
name = "Loket 2"
services = ["KTP", "KK", "AKTA"]

[[counters]]
number = 3
name = "Loket 3"
services = ["AKTA"]
"""


def write_config(directory: Path, timezone: str = "Asia/Makassar", async_mode: str = "threading",
                 quota: int = 500, message_queue: str = "", extra_service: str = "",
                 extra_tables: str = "", rate_limit: int = 10_000,
                 channel: str = "antrean", server_extra: str = "",
                 failed_logins: int = 10_000) -> Path:
    """`extra_service` adds keys to the AKTA service; `extra_tables` appends whole tables;
    `server_extra` adds lines to [server].

    The ticket and failed-login limits are high by default so tests may issue many tickets
    and try wrong passwords from 127.0.0.1.
    """
    path = directory / "config.toml"
    path.write_text(BASE_CONFIG.format(
        timezone=timezone, async_mode=async_mode, quota=quota, message_queue=message_queue,
        secret_key_file=directory / "secret_key", extra_service=extra_service,
        rate_limit=rate_limit, channel=channel, server_extra=server_extra,
        failed_logins=failed_logins,
    ) + extra_tables, encoding="utf-8")
    return path
