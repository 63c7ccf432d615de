"""A TOML writer for what config.toml holds: tables, arrays of tables, strings, numbers,
booleans, dates, lists and inline tables. Python 3.11 reads TOML (tomllib) but cannot write it.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime, time
from typing import Any

_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


def dumps(document: dict[str, Any]) -> str:
    """Tables first, then arrays of tables, each in the document's own order."""
    blocks: list[str] = []
    for name, value in document.items():
        if isinstance(value, dict):
            blocks.append(f"[{_key(name)}]\n" + _pairs(value))
    for name, value in document.items():
        if _is_table_array(value):
            blocks += [f"[[{_key(name)}]]\n" + _pairs(item) for item in value]
    return "\n".join(blocks)


def _is_table_array(value: object) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def _pairs(table: dict[str, Any]) -> str:
    return "".join(f"{_key(key)} = {_value(value)}\n" for key, value in table.items())


def _key(key: str) -> str:
    return key if _BARE_KEY.match(key) else _string(key)


def _value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(_value(item) for item in value) + "]"
    if isinstance(value, dict):
        inner = ", ".join(f"{_key(k)} = {_value(v)}" for k, v in value.items())
        return "{ " + inner + " }" if inner else "{}"
    raise TypeError(f"cannot write {type(value).__name__} as TOML")


def _string(text: str) -> str:
    # A JSON string is a valid TOML basic string: the same escapes, \uXXXX for the rest.
    return json.dumps(text, ensure_ascii=False)
