"""A service standard (standar pelayanan) of PermenPANRB 15/2014: its fourteen components.

Six are published to citizens (service delivery); eight are internal (manufacturing) and kept
with the decree (SK) of the head of the unit that set the standard. A standard is kept as a
list of versions; each version is a whole `ServiceStandard`.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from datetime import date
from typing import Any

from antrean.core.errors import invalid

MAX_TEXT = 2000  # one component; the longest real ones (dasar hukum) stay far below


@dataclass(frozen=True)
class Component:
    key: str
    label: str
    is_list: bool = False  # one item a line (persyaratan, prosedur, dasar hukum)


PUBLISHED_COMPONENTS: tuple[Component, ...] = (
    Component("requirements", "Persyaratan", is_list=True),
    Component("procedure", "Sistem, mekanisme dan prosedur", is_list=True),
    Component("time_to_complete", "Jangka waktu penyelesaian"),
    Component("cost", "Biaya/tarif"),
    Component("product", "Produk pelayanan"),
    Component("complaints", "Penanganan pengaduan, saran dan masukan"),
)
INTERNAL_COMPONENTS: tuple[Component, ...] = (
    Component("legal_basis", "Dasar hukum", is_list=True),
    Component("infrastructure", "Sarana dan prasarana, dan/atau fasilitas"),
    Component("competence", "Kompetensi pelaksana"),
    Component("internal_supervision", "Pengawasan internal"),
    Component("staff_count", "Jumlah pelaksana"),
    Component("service_guarantee", "Jaminan pelayanan"),
    Component("safety_guarantee", "Jaminan keamanan dan keselamatan pelayanan"),
    Component("performance_evaluation", "Evaluasi kinerja pelaksana"),
)
EXTRA_FIELDS: tuple[Component, ...] = (
    Component("description", "Uraian singkat layanan"),
    Component("service_hours", "Jam pelayanan"),
)
ALL_COMPONENTS = PUBLISHED_COMPONENTS + INTERNAL_COMPONENTS + EXTRA_FIELDS


@dataclass(frozen=True)
class ServiceStandard:
    """Every component of one version; text fields are "" and lists () when not set."""

    requirements: tuple[str, ...] = ()
    procedure: tuple[str, ...] = ()
    time_to_complete: str = ""
    cost: str = ""
    product: str = ""
    complaints: str = ""
    legal_basis: tuple[str, ...] = ()
    infrastructure: str = ""
    competence: str = ""
    internal_supervision: str = ""
    staff_count: str = ""
    service_guarantee: str = ""
    safety_guarantee: str = ""
    performance_evaluation: str = ""
    description: str = ""
    service_hours: str = ""
    sk_number: str = ""  # the decree that set this standard, e.g. "800/123/KEC-MTP/2026"
    sk_date: date | None = None

    def missing(self) -> tuple[str, ...]:
        """Labels of the fourteen components (and the SK) still empty: an incomplete standard."""
        empty = [c.label for c in PUBLISHED_COMPONENTS + INTERNAL_COMPONENTS
                 if not getattr(self, c.key)]
        if not self.sk_number or self.sk_date is None:
            empty.append("Nomor dan tanggal SK penetapan")
        return tuple(empty)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            data[f.name] = list(value) if isinstance(value, tuple) else value
        data["sk_date"] = self.sk_date.isoformat() if self.sk_date else None
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ServiceStandard:
        known = {f.name for f in fields(cls)}
        values: dict[str, Any] = {}
        for key, value in data.items():
            if key not in known:
                continue  # a component a later version dropped: old rows stay readable
            values[key] = tuple(value) if isinstance(value, list) else value
        day = values.get("sk_date")
        values["sk_date"] = date.fromisoformat(day) if isinstance(day, str) and day else None
        return replace(cls(), **values)


def standard_from_form(form: dict[str, str]) -> ServiceStandard:
    """What the kepala typed, checked: list components one item a line, a valid SK date."""
    values: dict[str, Any] = {}
    for component in ALL_COMPONENTS:
        text = form.get(component.key, "").strip()
        if len(text) > MAX_TEXT:
            raise invalid("standard_too_long", f"{component.label}: paling banyak "
                          f"{MAX_TEXT} karakter.")
        if component.is_list:
            values[component.key] = tuple(
                line.strip() for line in text.splitlines() if line.strip())
        else:
            values[component.key] = " ".join(text.split()) if "\n" not in text else text
    values["sk_number"] = " ".join(form.get("sk_number", "").split())[:120]
    values["sk_date"] = _sk_date(form.get("sk_date", "").strip())
    return ServiceStandard(**values)


def _sk_date(text: str) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise invalid("invalid_sk_date", "Tanggal SK tidak valid; pilih tanggal pada "
                      "kalender (tttt-bb-hh).") from exc
