"""Where a sign-in may send the browser next: a path on this site, never another site.

Browsers forgive a lot in a Location header: they drop tabs and line breaks anywhere, trim
control characters and spaces at the ends, read a backslash as a slash, and take `//host` as
another site. So the target is judged as the browser will read it, and anything doubtful
(control characters, non-ASCII, an encoded slash or backslash that a proxy may decode) is
refused rather than repaired.
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

MAX_LENGTH = 2000
_DROPPED = re.compile(r"[\t\n\r]")  # the WHATWG URL parser removes these anywhere
_EDGES = "".join(chr(c) for c in range(0x21))  # C0 controls and space, trimmed at both ends
_PATH_CHARACTERS = re.compile(r"[!-~]*")  # printable ASCII, no space


def same_site_path(target: object) -> str:
    """`target` when it is a path on this site; "" (go to the default page) otherwise."""
    if not isinstance(target, str) or len(target) > MAX_LENGTH:
        return ""
    if not _is_safe(target) or not _is_safe(unquote(target)):
        return ""
    return target


def _is_safe(target: str) -> bool:
    seen = _DROPPED.sub("", target).strip(_EDGES)
    if seen != target or not _PATH_CHARACTERS.fullmatch(target):
        return False  # the browser would read something else than what was checked
    if not target.startswith("/") or target.startswith("//") or "\\" in target:
        return False
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc
