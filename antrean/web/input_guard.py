"""Input no handler should ever see: NUL characters (PostgreSQL refuses them in text, so they
would end as a 500), JSON nested too deep for the parser, ids in URLs too big for the
database's integer columns."""

from __future__ import annotations

from typing import Any

from flask import Flask, request
from flask.json.provider import DefaultJSONProvider
from werkzeug.routing import IntegerConverter, Map

from antrean.core.errors import invalid

NUL_MESSAGE = "Isian memuat karakter yang tidak diizinkan (NUL). Periksa kembali isian Anda."
# The largest value of the database's INTEGER columns (PostgreSQL int4).
LARGEST_ID = 2**31 - 1


class DatabaseInteger(IntegerConverter):
    """`<int:...>` that matches only what fits an INTEGER column: a larger id is a 404.

    The limit is in the pattern, not only in `max`: werkzeug counts a route's other methods
    before it runs the converter, so a value refused by `max` alone answered 405 to one method
    and 404 to another on the same path."""

    # 0..2147483647 (LARGEST_ID), digit by digit.
    regex = ("(?:\\d{1,9}|1\\d{9}|20\\d{8}|21[0-3]\\d{7}|214[0-6]\\d{6}|2147[0-3]\\d{5}"
             "|21474[0-7]\\d{4}|214748[0-2]\\d{3}|2147483[0-5]\\d{2}|21474836[0-3]\\d"
             "|214748364[0-7])(?!\\d)")

    def __init__(self, url_map: Map, fixed_digits: int = 0, min: int | None = None,  # noqa: A002
                 max: int | None = LARGEST_ID, signed: bool = False) -> None:  # noqa: A002
        super().__init__(url_map, fixed_digits, min, max, signed)


class GuardedJSONProvider(DefaultJSONProvider):
    """JSON too deeply nested for the parser is unreadable JSON (a 400), not a crash."""

    def loads(self, s: str | bytes, **kwargs: Any) -> Any:
        try:
            return super().loads(s, **kwargs)
        except RecursionError as error:
            raise ValueError("JSON nested too deeply") from error


def has_nul(value: object) -> bool:
    return isinstance(value, str) and "\x00" in value


def init_input_guard(app: Flask) -> None:
    """Call before any blueprint is registered (the converter applies to rules added later)."""
    app.url_map.converters["int"] = DatabaseInteger
    app.json = GuardedJSONProvider(app)

    @app.before_request
    def refuse_nul() -> None:
        if "\x00" in request.path or _args_have_nul() or _body_has_nul():
            raise invalid("nul_character", NUL_MESSAGE)


# The only bodies werkzeug parses into request.form; any other body leaves it empty (and
# unread), so only these are worth parsing here. A GET with no query string has nothing.
FORM_TYPES = frozenset({"application/x-www-form-urlencoded", "multipart/form-data"})


def _args_have_nul() -> bool:
    sources = [request.args] if request.query_string else []
    if request.mimetype in FORM_TYPES:
        sources.append(request.form)
    return any(has_nul(key) or has_nul(value)
               for source in sources for key, value in source.items(multi=True))


def _body_has_nul() -> bool:
    # JSON spells NUL as \u0000; raw NUL bytes are never valid text in any body we accept.
    body = request.get_data(cache=True)
    return b"\x00" in body or b"\\u0000" in body
