"""Which agencies a kiosk shows: a kiosk by the Samsat desk may offer Samsat's services only.

A kiosk keeps a list of agency codes; None (or an empty list) means every agency. An agency
removed later simply drops out; a kiosk left with none shows every agency again rather than
an empty screen.
"""

from __future__ import annotations

from collections.abc import Iterable

from antrean.core.errors import DomainError, ErrorKind, invalid


def parse_kiosk_agencies(value: object, known: Iterable[str]) -> tuple[str, ...] | None:
    """A list of known agency codes, in the building's order; None or [] means all of them."""
    if value is None or value == [] or value == "":
        return None
    if not isinstance(value, list) or not all(isinstance(code, str) for code in value):
        raise invalid("invalid_kiosk_agencies", "Instansi kios harus berupa daftar kode "
                      "instansi, mis. [\"dukcapil\", \"samsat\"].")
    order = list(known)
    unknown = sorted(set(value) - set(order))
    if unknown:
        raise invalid("unknown_agency", f"Instansi '{unknown[0]}' tidak dikenal.")
    chosen = tuple(code for code in order if code in value)
    return None if len(chosen) == len(order) else chosen


def shown_agencies(known: Iterable[str], chosen: Iterable[str] | None) -> tuple[str, ...]:
    """The agencies a kiosk offers, in the building's order."""
    order = tuple(known)
    kept = tuple(code for code in order if chosen is not None and code in set(chosen))
    return kept or order


def refuse_other_agency(service_agency: str, shown: Iterable[str], service_name: str) -> None:
    """A kiosk set to some agencies issues their numbers only (a tampered request included)."""
    if service_agency not in set(shown):
        raise DomainError(ErrorKind.FORBIDDEN, "service_not_at_this_kiosk",
                          f"Nomor {service_name} tidak dapat diambil di kios ini. Silakan "
                          "gunakan kios lain atau tanyakan kepada petugas.")
