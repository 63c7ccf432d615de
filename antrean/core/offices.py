"""The offices of a kabupaten-wide deployment: how each is named in URLs and storage.

One deployment serves many offices (kecamatan, puskesmas, an MPP). The first is the root
office of config.toml, at `/`; every other is served under `/kantor/<code>/`, keeps its
tickets, staff, devices and set-up in a database of its own (a PostgreSQL schema, or a
SQLite file), and hears only its own calls.
"""

from __future__ import annotations

import re

OFFICE_PATH = "/kantor/"
# The root office (config.toml's own, served at `/`) on the deployment's dashboard; no other
# office may take the code.
ROOT_OFFICE_CODE = "induk"
_CODE = re.compile(r"[a-z0-9][a-z0-9-]{1,31}")
CODE_RULE = ("hanya huruf kecil, angka dan '-', 2 sampai 32 karakter, diawali huruf atau angka "
             f"(bagian dari alamat /kantor/<kode>/); '{ROOT_OFFICE_CODE}' adalah kantor induk")


def is_office_code(code: object) -> bool:
    return isinstance(code, str) and _CODE.fullmatch(code) is not None \
        and code != ROOT_OFFICE_CODE


def office_path(code: str) -> str:
    """Where the office's pages live: its script root."""
    return f"{OFFICE_PATH}{code}"


def split_office_path(path: str) -> tuple[str, str] | None:
    """`/kantor/<code>/rest` -> (code, "/rest"); None when the path is not an office's."""
    if not path.startswith(OFFICE_PATH):
        return None
    code, slash, rest = path[len(OFFICE_PATH):].partition("/")
    if not is_office_code(code):
        return None
    return code, slash + rest


def office_schema(code: str) -> str:
    """The PostgreSQL schema that holds the office's tables."""
    return "kantor_" + code.replace("-", "_")


def session_cookie_name(code: str) -> str:
    """Each office signs its staff in with a cookie of its own (the root's is `session`)."""
    return f"session_kantor_{code}"
