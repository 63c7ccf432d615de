"""The Socket.IO server object, created unbound and attached in create_app."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from flask_socketio import SocketIO

from antrean.core.offices import ROOT_OFFICE_CODE

socketio = SocketIO()


class SocketEvent(StrEnum):
    """Every Socket.IO event the server sends or answers (Socket.IO's own connect and
    disconnect aside); the browser scripts listen for the same names."""

    SNAPSHOT = "snapshot"  # the whole queue: on connecting, and asked for by a screen
    CALLED = "called"  # a loket called a ticket, with what the call changed
    UPDATE = "update"  # the pieces of the screens an action changed
    SETUP = "setup"  # services or counters changed: take a fresh snapshot
    PRINT_STATUS = "print_status"  # a kiosk's print job moved on
    RESYNC = "resync"  # this process missed messages: rebuild from a snapshot
    FOLLOW = "follow"  # a phone follows one ticket (/track)
    TICKET = "ticket"  # the followed ticket changed (/track)
    QUEUE_CHANGED = "queue_changed"  # a followed ticket's service moved (/track)
    DEVICE_CHANGED = "device_changed"  # this TV was moved to another zone: load again
    MEDIA = "media"  # the lobby media changed: fetch the playlist again
    OFFICE_CHANGED = "office_changed"  # an office's queue moved (the deployment's dashboard)

DISPLAY_NAMESPACE = "/display"
TRACK_NAMESPACE = "/track"
# The deployment's dashboard: told which office's queue moved, never what moved.
DEPLOYMENT_NAMESPACE = "/deployment"
DEPLOYMENT_ROOM = "deployment"


@dataclass(frozen=True)
class Rooms:
    """The rooms of one office. In a deployment of several offices (`/kantor/<code>/`) every
    name carries the office's prefix, so a call never reaches another office's screens, on
    one Socket.IO server and one Redis channel; a single office keeps the plain names."""

    prefix: str = ""
    office_code: str = ROOT_OFFICE_CODE  # how the deployment's dashboard names the office

    def ticket(self, public_id: str) -> str:
        return f"{self.prefix}ticket:{public_id}"

    def service(self, service_code: str) -> str:
        return f"{self.prefix}service:{service_code}"

    # Every /display connection is in one of these: a zoned TV in its zone's room, every other
    # screen (unzoned TVs, kiosks, consoles, monitors, tablets) in the office's. All of them
    # are also in the screens' room, which hears what every screen of this office hears.
    def office(self) -> str:
        return f"{self.prefix}office"

    def screens(self) -> str:
        return f"{self.prefix}screens"

    def zone(self, zone_code: str) -> str:
        return f"{self.prefix}{ZONE_PREFIX}{zone_code}"

    def display(self, zone_code: str | None) -> str:
        return self.zone(zone_code) if zone_code else self.office()

    def device(self, device_id: int) -> str:
        """A paired TV's own connections: told when an admin moves it to another zone."""
        return f"{self.prefix}device:{device_id}"

    def zone_of(self, room: str) -> str | None:
        """The zone code of one of this office's zone rooms (None: another room)."""
        head = self.prefix + ZONE_PREFIX
        return room[len(head):] if room.startswith(head) else None


ZONE_PREFIX = "zone:"


def office_rooms(office_code: str | None) -> Rooms:
    """The rooms of the deployment's office `office_code` (None: the root office)."""
    return Rooms(f"kantor:{office_code}/" if office_code else "", office_code or ROOT_OFFICE_CODE)
