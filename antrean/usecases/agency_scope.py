"""Which services a report, the monitor, the IKM or the complaint recap covers: the whole
office (agency None), one agency's services (an MPP's instansi), or one service."""

from __future__ import annotations

from antrean.core.errors import invalid, not_found
from antrean.usecases.context import Office

MAX_CODE_SHOWN = 40  # an agency code typed into a URL is echoed back, cut short


def parse_agency(office: Office, code: str | None) -> str | None:
    """An agency code from a query string: empty means the whole office. A single office
    shows no agencies, so it knows none by name either."""
    if not code:
        return None
    if not office.settings.has_agencies:
        raise not_found("unknown_agency", "Kantor ini tidak dibagi per instansi.")
    _check(office, code)
    return code


def _check(office: Office, code: str) -> None:
    if office.settings.agency(code) is None:
        raise not_found("unknown_agency", f"Instansi '{code[:MAX_CODE_SHOWN]}' tidak dikenal.")


def services_in(office: Office, agency: str | None,
                service: str | None = None) -> frozenset[str] | None:
    """The services covered; None means every service of the office (no filter at all)."""
    if agency is None:
        return None if service is None else frozenset({service})
    _check(office, agency)
    own = frozenset(s.code for s in office.settings.services_of(agency))
    if service is None:
        return own
    if service not in own:
        raise invalid("service_not_in_agency",
                      f"Layanan '{service}' bukan layanan instansi yang dipilih.")
    return frozenset({service})


def counters_in(office: Office, agency: str | None) -> frozenset[int] | None:
    if agency is None:
        return None
    _check(office, agency)
    return frozenset(c.number for c in office.settings.counters_of(agency))


def agency_name(office: Office, agency: str | None) -> str | None:
    found = office.settings.agency(agency) if agency else None
    return found.name if found else None
