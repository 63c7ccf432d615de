"""What the office tells a citizen who booked, by WhatsApp/SMS gateway or e-mail.

Short plain text: a gateway forwards it as it is, and WhatsApp shows it well on a phone.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Notice(StrEnum):
    MADE = "made"  # booking made
    REMINDER = "reminder"  # on the morning of the day
    TURN_NEAR = "turn_near"  # "giliran Anda sudah dekat"
    CALLED = "called"
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class NoticeFacts:
    """Everything a notice may mention, already formatted for the office's zone."""

    office: str
    service: str
    code: str  # "K7QM-4XPD"
    day: str  # "Selasa, 24 November 2026"
    session: str  # "08.00-10.00 WITA"
    arrive_by: str  # "08.00 WITA"
    checkin_opens: str  # "07.00 WITA"
    estimate: str  # "08.30 WITA"
    link: str = ""  # the booking's page, when the office's public address is known
    ticket_number: str = ""
    ahead: int = 0
    wait: str = ""  # "± 10 menit"
    counter: str = ""  # "Loket 2"


def subject(notice: Notice, facts: NoticeFacts) -> str:
    titles = {
        Notice.MADE: "Booking antrean berhasil",
        Notice.REMINDER: "Pengingat booking antrean hari ini",
        Notice.TURN_NEAR: "Giliran Anda sudah dekat",
        Notice.CALLED: "Nomor antrean Anda dipanggil",
        Notice.CANCELLED: "Booking antrean dibatalkan",
    }
    return f"{titles[notice]} - {facts.office}"


def text(notice: Notice, facts: NoticeFacts) -> str:
    builders = {
        Notice.MADE: _made, Notice.REMINDER: _reminder, Notice.TURN_NEAR: _turn_near,
        Notice.CALLED: _called, Notice.CANCELLED: _cancelled,
    }
    return builders[notice](facts)


def _when(facts: NoticeFacts) -> str:
    return f"{facts.service}, {facts.day}, sesi {facts.session}"


def _link(facts: NoticeFacts, what: str) -> str:
    return f"\n{what}: {facts.link}" if facts.link else ""


def _made(facts: NoticeFacts) -> str:
    return (f"Booking antrean {facts.office} berhasil.\n{_when(facts)}.\n"
            f"Kode booking: {facts.code}\n"
            f"Datang paling lambat pukul {facts.arrive_by}; check-in di kiosk mulai pukul "
            f"{facts.checkin_opens} dengan kode atau QR ini. Estimasi dilayani pukul "
            f"{facts.estimate}." + _link(facts, "Lihat atau batalkan booking"))


def _reminder(facts: NoticeFacts) -> str:
    return (f"Pengingat: hari ini Anda punya booking antrean {facts.office}.\n{_when(facts)}.\n"
            f"Kode booking: {facts.code}. Check-in di kiosk mulai pukul {facts.checkin_opens}, "
            f"datang paling lambat pukul {facts.arrive_by}."
            + _link(facts, "Tidak jadi datang? Batalkan di"))


def _turn_near(facts: NoticeFacts) -> str:
    ahead = f"{facts.ahead} orang lagi" if facts.ahead else "Anda berikutnya"
    wait = f" (estimasi {facts.wait})" if facts.wait else ""
    return (f"Giliran Anda sudah dekat: nomor antrean {facts.ticket_number} ({facts.service}), "
            f"{ahead}{wait}. Mohon berada di ruang tunggu {facts.office}.")


def _called(facts: NoticeFacts) -> str:
    return (f"Nomor antrean {facts.ticket_number} dipanggil. Silakan menuju {facts.counter}, "
            f"{facts.office}.")


def _cancelled(facts: NoticeFacts) -> str:
    return (f"Booking antrean {facts.code} ({_when(facts)}) di {facts.office} telah "
            "dibatalkan. Terima kasih sudah memberi tahu.")
