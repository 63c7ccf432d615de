"""What the kiosk reads aloud on request, as text (for a speech voice) and as offline clips.

The clips are made with the lobby TV's (display/voice_clips.py) from `kiosk_vocabulary`, so a
kiosk without internet still speaks; an office may replace any clip with its own recording.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypedDict

from antrean.core.announcement import number_clips, number_words, ticket_number_speech
from antrean.core.ticket import Priority

PHRASES: dict[str, str] = {
    "kios-sambutan": "Ambil nomor antrean. Pilih layanan yang Anda perlukan.",
    "kios-cara": "Tekan Tab untuk berpindah dan Enter untuk memilih.",
    "kios-layanan-tutup": "sedang tutup",
    "kios-orang-menunggu": "orang menunggu",
    "kios-prioritas": "Layanan prioritas, untuk lansia, penyandang disabilitas, ibu hamil, "
                      "ibu menyusui, anak, dan korban bencana.",
    "kios-pilih-prioritas": "Pilih kategori prioritas.",
    "kios-nomor-anda": "Nomor antrean Anda",
    "kios-sebelum-anda": "Antrean sebelum Anda",
    "kios-orang": "orang",
    "kios-tidak-ada": "tidak ada",
    "kios-gagal": "Maaf, nomor belum dapat diambil.",
    "kios-tutup": "Tutup",
    "kios-batal": "Batal",
    "kios-kembali": "Kembali",
    "kios-coba-lagi": "Coba lagi",
    "kios-selesai": "Selesai",
    "kios-ambil": "Ambil nomor",
    "kios-info": "Info persyaratan",
    "kios-tampilan": "Teks besar dan kontras tinggi",
    "kios-bacakan": "Bacakan",
    "kios-maklumat": "Maklumat pelayanan",
    # A Mal Pelayanan Publik's kiosk: agencies first, then their services.
    "kios-pilih-instansi": "Pilih instansi yang Anda tuju.",
    "kios-cari": "Cari instansi atau layanan",
    "kios-semua-instansi": "Kembali ke daftar instansi",
}
PRIORITY_SPOKEN: dict[Priority, str] = {
    Priority.LANSIA: "Lanjut usia, enam puluh tahun ke atas",
    Priority.DISABILITAS: "Penyandang disabilitas",
    Priority.IBU_HAMIL: "Ibu hamil",
    Priority.IBU_MENYUSUI: "Ibu menyusui",
    Priority.ANAK: "Anak-anak",
    Priority.KORBAN_BENCANA: "Korban bencana",
}


class SpokenText(TypedDict):
    """A Speech as the kiosk page reads it (JSON)."""

    text: str
    clips: list[str]


@dataclass(frozen=True)
class Speech:
    text: str
    clips: tuple[str, ...]

    def as_dict(self) -> SpokenText:
        return {"text": self.text, "clips": list(self.clips)}


def service_clip(code: str) -> str:
    """The clip of a service's name: "layanan-ktp"; codes are letters, digits, '-' and '_'."""
    return "layanan-" + code.lower().replace("_", "-")


def agency_clip(code: str) -> str:
    """The clip of an agency's name: "instansi-bpjs-kes"."""
    return "instansi-" + code.lower().replace("_", "-")


def agency_speech(code: str, short_name: str) -> Speech:
    return Speech(short_name, (agency_clip(code),))


def priority_clip(priority: Priority) -> str:
    return "prioritas-" + priority.value.replace("_", "-")


def phrase(*keys: str) -> Speech:
    return Speech(" ".join(PHRASES[key] for key in keys), keys)


def service_speech(code: str, name: str, is_open: bool) -> Speech:
    if is_open:
        return Speech(name, (service_clip(code),))
    return Speech(f"{name}, {PHRASES['kios-layanan-tutup']}",
                  (service_clip(code), "kios-layanan-tutup"))


def priority_speech(priority: Priority) -> Speech:
    return Speech(PRIORITY_SPOKEN[priority], (priority_clip(priority),))


def ticket_speech(number: str, ahead: int | None, reading: str = "cardinal") -> Speech:
    """ "Nomor antrean Anda, A, dua belas. Antrean sebelum Anda, lima orang." """
    spoken, clips = ticket_number_speech(number, reading)
    text = f"{PHRASES['kios-nomor-anda']}, {spoken}."
    all_clips = ["kios-nomor-anda", *clips]
    if ahead is not None:
        count_text, count_clips = (
            (PHRASES["kios-tidak-ada"], ["kios-tidak-ada"]) if ahead == 0
            else (f"{number_words(ahead)} {PHRASES['kios-orang']}",
                  [*number_clips(ahead), "kios-orang"]))
        text += f" {PHRASES['kios-sebelum-anda']}, {count_text}."
        all_clips += ["kios-sebelum-anda", *count_clips]
    return Speech(text, tuple(all_clips))


def kiosk_vocabulary(services: Iterable[tuple[str, str]],
                     agencies: Iterable[tuple[str, str]] = ()) -> dict[str, str]:
    """Every kiosk clip and its text: the phrases, the priority categories, each configured
    service's name and, in an MPP, each agency's short name ((code, name) pairs)."""
    vocabulary = dict(PHRASES)
    vocabulary.update({priority_clip(p): text for p, text in PRIORITY_SPOKEN.items()})
    vocabulary.update({service_clip(code): name for code, name in services})
    vocabulary.update({agency_clip(code): name for code, name in agencies})
    return vocabulary
