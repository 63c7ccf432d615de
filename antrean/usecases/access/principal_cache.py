"""Who a token or a paired device is, remembered for two seconds: every request asks.

A revocation on this process (sign-out, revoked token or device, deactivated user) forgets
everything at once; one made on another process takes effect here within TTL seconds.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING

from antrean.usecases.context import Office

if TYPE_CHECKING:
    from antrean.core.access import Principal

TTL_SECONDS = 2.0
MAX_ENTRIES = 10_000  # unknown tokens are remembered too; a flood of them cannot grow this
_KEY = "principals"


def remembered(office: Office, key: Hashable,
               look_up: Callable[[], Principal | None]) -> Principal | None:
    cache: dict[Hashable, tuple[Principal | None, float]] = office.memo.setdefault(_KEY, {})
    now = time.monotonic()
    hit = cache.get(key)
    if hit is not None and hit[1] > now:
        return hit[0]
    principal = look_up()
    if len(cache) >= MAX_ENTRIES:
        cache.clear()
    cache[key] = (principal, now + TTL_SECONDS)
    return principal


def forget_principals(office: Office) -> None:
    """After any revocation: the next request of everyone is looked up again."""
    office.memo.pop(_KEY, None)
