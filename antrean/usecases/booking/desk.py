"""What the booking use cases work with beyond the Office: the key that hashes NIKs, and a
way to wake the notice sender once a commit has queued a notice."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from antrean.usecases.context import Office


def _nothing() -> None:
    pass


@dataclass
class BookingDesk:
    office: Office
    nik_key: bytes  # derived from the app's secret key; the same on every server process
    wake_sender: Callable[[], None] = field(default=_nothing)  # after a commit with notices

    def base_url(self) -> str:
        """The office's public address for links in notices sent without a request."""
        return self.office.settings.server.public_url
