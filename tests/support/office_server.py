"""run.py serving a kabupaten-wide deployment, seen as one of its offices: `url` is the
office's (/kantor/<code>) and accounts and devices are made in that office's database, so
every helper that builds `server.url + path` or uses `server.office` speaks to the office."""

from __future__ import annotations

from dataclasses import dataclass

from antrean.cli import office_for_cli
from antrean.config import load_settings
from antrean.core.offices import office_path
from antrean.usecases.context import Office
from tests.support.live_server import LiveServer


def office_table(code: str, name: str = "Kecamatan Uji") -> str:
    return f'\n[[offices]]\ncode = "{code}"\nname = "{name}"\ntimezone = "Asia/Makassar"\n'


@dataclass
class OfficeServer(LiveServer):
    code: str = "uji"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}{office_path(self.code)}"

    @property
    def office(self) -> Office:
        if self._office is None:
            self._office = office_for_cli(load_settings(self.config), self.database_url,
                                          self.code)
        return self._office
