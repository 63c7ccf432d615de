"""The published service standards (PermenPANRB 15/2014) and complaint channels, for pages."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from antrean.config import ServiceSettings
from antrean.core.clock import DAY_NAMES, MONTH_NAMES
from antrean.core.errors import not_found
from antrean.core.service_standard import PUBLISHED_COMPONENTS, ServiceStandard
from antrean.usecases.context import Office
from antrean.usecases.feedback.standard_versions import (
    StandardVersionView,
    current_standard,
    current_standards,
)

NATIONAL_CHANNELS = (
    {"name": "SP4N-LAPOR!", "value": "www.lapor.go.id", "href": "https://www.lapor.go.id"},
    {"name": "SMS", "value": "1708", "href": "sms:1708"},
)


FREE_WORDS = ("gratis", "rp0", "rp 0", "rp0 (gratis)", "0")
NOT_ANNOUNCED = "Belum diumumkan"

def service_standards(office: Office) -> list[dict[str, Any]]:
    current = current_standards(office)
    return [_standard(office, service, current[service.code])
            for service in office.settings.services]


def all_free(standards: list[dict[str, Any]]) -> bool:
    """The "GRATIS" notice is true only when every shown service states that it is free."""
    return bool(standards) and all(s["free"] for s in standards)


@dataclass(frozen=True)
class IncompleteStandard:
    """A service whose published standard lacks components (the admin overview lists them)."""

    code: str
    name: str
    missing: list[str]  # the components' labels


def incomplete_standards(office: Office) -> list[IncompleteStandard]:
    """Services whose published standard lacks a component, with the missing ones named."""
    current = current_standards(office)
    rows = []
    for service in office.settings.services:
        missing = missing_components(current[service.code].standard)
        if missing:
            rows.append(IncompleteStandard(service.code, service.name, missing))
    return rows


def missing_components(standard: ServiceStandard) -> list[str]:
    """The published components (PermenPANRB 15/2014) the current version leaves empty."""
    return [c.label for c in PUBLISHED_COMPONENTS if not _stated(getattr(standard, c.key))]


def _stated(value: str | tuple[str, ...]) -> bool:
    if isinstance(value, str):
        return bool(value.strip())
    return any(item.strip() for item in value)


def service_standard(office: Office, code: str) -> dict[str, Any]:
    service = office.settings.service(code)
    if service is None:
        raise not_found("unknown_service", "Layanan tidak ditemukan.")
    return _standard(office, service, current_standard(office, code))


def complaint_channels(office: Office) -> dict[str, Any]:
    """The office's own channels first, then the national ones (always shown)."""
    own = office.settings.complaints
    local: list[dict[str, str | None]] = []
    if own.whatsapp:
        digits = "".join(c for c in own.whatsapp if c.isdigit())
        wa = "62" + digits[1:] if digits.startswith("0") else digits
        local.append({"name": "WhatsApp", "value": own.whatsapp, "href": f"https://wa.me/{wa}"})
    if own.email:
        local.append({"name": "Email", "value": own.email, "href": f"mailto:{own.email}"})
    if own.phone:
        local.append({"name": "Telepon", "value": own.phone, "href": None})
    if own.desk:
        local.append({"name": "Langsung", "value": own.desk, "href": None})
    return {"local": local, "national": list(NATIONAL_CHANNELS),
            "response_days": own.response_days}


def _standard(office: Office, service: ServiceSettings,
              current: StandardVersionView) -> dict[str, Any]:
    standard = current.standard  # what the kepala last saved, else config.toml
    return {
        "code": service.code,
        "name": service.name,
        "prefix": service.prefix,
        "description": standard.description,
        "requirements": list(standard.requirements),
        "procedure": list(standard.procedure),
        "time_to_complete": standard.time_to_complete or NOT_ANNOUNCED,
        "cost": cost_label(standard.cost),
        "free": is_free(standard.cost),
        "cost_announced": bool(standard.cost.strip()),
        "product": standard.product or NOT_ANNOUNCED,
        "complaints": standard.complaints,
        "service_hours": standard.service_hours,
        "legal_basis": list(standard.legal_basis),
        "target_wait_minutes": service.target_wait_minutes,
        "daily_quota": service.daily_quota,
        "issuing_hours": _issuing_hours(service),
        "version": current.version,
        "sk_number": standard.sk_number,
        "sk_date": long_date(standard.sk_date) if standard.sk_date else "",
    }


def is_free(cost: str) -> bool:
    return cost.strip().lower() in FREE_WORDS


def long_date(day: date) -> str:
    """"5 Januari 2026", as a decree is cited."""
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def cost_label(cost: str) -> str:
    """Domain style: "Rp0 (Gratis)" for a free service; an unset cost is not announced."""
    if not cost.strip():
        return NOT_ANNOUNCED
    if is_free(cost):
        return "Rp0 (Gratis)"
    return cost


def _issuing_hours(service: ServiceSettings) -> list[dict[str, str]]:
    ranges = service.issuing_hours.by_weekday
    return [{"day": DAY_NAMES[i], "hours": _hours_label(r.label() if r else None)}
            for i, r in enumerate(ranges)]


def _hours_label(label: str | None) -> str:
    if label is None:
        return "Tutup"
    return "Sepanjang hari" if label == "00.00-24.00" else label
