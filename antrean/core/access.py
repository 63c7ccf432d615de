"""Who may do what: the roles and the principal every layer checks."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    ADMIN = "admin"
    PETUGAS = "petugas"
    KIOSK = "kiosk"  # a kiosk device
    DISPLAY = "display"  # a lobby TV device


@dataclass(frozen=True)
class Principal:
    """Who is asking: a user (user_id) or a paired device (device_id, user_id None)."""

    user_id: int | None
    username: str
    role: Role
    display_name: str = ""
    device_id: int | None = None
    # The instansi a person works for; None: the whole office (every agency). Devices: None.
    agency: str | None = None
