"""Whole UTC epoch seconds of a timestamp column, the same on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

from sqlalchemy import BigInteger, Integer, case, cast, extract, func, literal


def epoch_seconds(column: Any, dialect: str) -> Any:
    """Truncated to the second, so both databases compute identical durations."""
    if dialect == "postgresql":
        return cast(func.floor(extract("epoch", column)), BigInteger)
    return cast(func.strftime("%s", column), Integer)


def local_epoch(epoch: Any, segments: list[tuple[int, int]]) -> Any:
    """Epoch seconds shifted by the office zone's UTC offset in force at that instant."""
    if len(segments) == 1:
        return epoch + literal(segments[0][1])
    whens = [(epoch < since, literal(offset)) for (since, _), (_, offset)
             in zip(segments[1:], segments[:-1], strict=True)]
    return epoch + case(*whens, else_=literal(segments[-1][1]))
