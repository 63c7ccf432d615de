"""Password guessing is slowed per client address: after too many failed sign-ins in a
minute, sign-in waits for the next minute (counted in the database, for every process)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from flask import request

from antrean.core.errors import DomainError, ErrorKind
from antrean.usecases.access import rate_limit
from antrean.web.office import current_office

T = TypeVar("T")


class TooManyAttempts(Exception):
    def __init__(self, retry_after: int) -> None:
        super().__init__(retry_after)
        self.retry_after = retry_after
        self.message = (f"Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam "
                        f"{retry_after} detik.")


def guarded_sign_in(attempt: Callable[[], T]) -> T:
    """Run a sign-in; count it if the password was wrong; refuse while over the limit."""
    office = current_office()
    key = f"login-failed:{request.remote_addr}"
    limit = office.settings.server.failed_logins_per_minute
    retry_after = rate_limit.waiting_time(office, key, limit)
    if retry_after is not None:
        raise TooManyAttempts(retry_after)
    try:
        return attempt()
    except DomainError as error:
        if error.kind is ErrorKind.UNAUTHORIZED:
            rate_limit.take(office, key, limit)
        raise
