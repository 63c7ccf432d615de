"""Domain errors: a stable code for machines and an Indonesian message for people."""

from __future__ import annotations

from enum import StrEnum


class ErrorKind(StrEnum):
    """What went wrong, in terms a transport can map (HTTP status, UI banner)."""

    INVALID = "invalid"  # a field has a bad value
    NOT_FOUND = "not_found"
    CONFLICT = "conflict"  # the action does not fit the current state
    REFUSED = "refused"  # a rule says no: quota, hours, closed
    UNAUTHORIZED = "unauthorized"
    FORBIDDEN = "forbidden"
    UNAVAILABLE = "unavailable"


class DomainError(Exception):
    """A rule was broken; nothing was changed."""

    def __init__(self, kind: ErrorKind, code: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.code = code
        self.message = message


def invalid(code: str, message: str) -> DomainError:
    return DomainError(ErrorKind.INVALID, code, message)


def not_found(code: str, message: str) -> DomainError:
    return DomainError(ErrorKind.NOT_FOUND, code, message)


def conflict(code: str, message: str) -> DomainError:
    return DomainError(ErrorKind.CONFLICT, code, message)


def refused(code: str, message: str) -> DomainError:
    return DomainError(ErrorKind.REFUSED, code, message)
