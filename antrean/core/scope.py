"""Roles by scope: what part of the office a principal may see and change.

A person works either for the whole office (agency None: the office admin, or every petugas
of a single-office install) or for one instansi of a Mal Pelayanan Publik. A scoped admin sees
and edits only that agency's services, counters, staff and figures; a scoped petugas works
only at that agency's counters, on its tickets. Devices (kiosk, TV) carry no agency.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol, TypeVar

from antrean.core.access import Principal, Role
from antrean.core.errors import DomainError, ErrorKind

OUTSIDE_SCOPE = "outside_scope"
OUTSIDE_SCOPE_MESSAGE = "Anda hanya dapat mengelola instansi Anda sendiri."
OFFICE_ONLY_MESSAGE = "Halaman ini hanya untuk admin kantor (seluruh instansi)."
TRANSFER_MESSAGE = ("Nomor antrean tidak dapat dialihkan ke layanan instansi lain. "
                    "Minta warga mengambil nomor baru untuk instansi tersebut.")


class Scoped(Protocol):
    """Anything that belongs to one agency: a service, a counter (config's settings)."""

    @property
    def agency(self) -> str: ...


S = TypeVar("S", bound=Scoped)


def is_office_wide(principal: Principal) -> bool:
    return principal.agency is None


def may_act_in(principal: Principal, agency: str) -> bool:
    """Whether the principal's scope covers this agency."""
    return within(principal.agency, agency)


def within(scope: str | None, agency: str) -> bool:
    """Whether a scope (an agency code; None: the whole office) covers this agency."""
    return scope is None or scope == agency


def can_manage_service(principal: Principal, service: Scoped) -> bool:
    return may_act_in(principal, service.agency)


def can_use_counter(principal: Principal, counter: Scoped) -> bool:
    return may_act_in(principal, counter.agency)


def in_scope(principal: Principal, items: Iterable[S]) -> list[S]:
    """The items (services, counters) the principal sees, in their order."""
    return [item for item in items if may_act_in(principal, item.agency)]


def visible_agencies(principal: Principal, agencies: Iterable[str]) -> list[str]:
    """The agency codes the principal sees, in the office's order."""
    return [code for code in agencies if may_act_in(principal, code)]


def scoped_agency(principal: Principal, requested: str | None) -> str | None:
    """The agency a list or report is filtered by: what an office-wide person asked for
    (None: every agency); always the own agency of a scoped person, who may not ask for
    another one."""
    if principal.agency is None:
        return requested or None
    if requested and requested != principal.agency:
        raise outside_scope()
    return principal.agency


def can_manage_user(principal: Principal, role: Role, agency: str | None) -> bool:
    """An office admin manages everyone; an agency admin only the petugas of its agency,
    never an admin (not even of the same agency) nor an office-wide account."""
    if principal.role is not Role.ADMIN:
        return False
    if principal.agency is None:
        return True
    return role is Role.PETUGAS and agency == principal.agency


def grantable_agencies(principal: Principal, agencies: Iterable[str]) -> list[str | None]:
    """The scopes the principal may give a new account; None: the whole office."""
    if principal.agency is None:
        return [None, *agencies]
    return [principal.agency]


def may_transfer(scope: str | None, ticket_agency: str, target_agency: str,
                 across_agencies_allowed: bool) -> bool:
    """A ticket stays with its agency: an MPP's agencies keep their own queues, staff and
    figures, and a warga sent to another instansi takes that one's number. Office-wide staff
    (the MPP's front desk) may move it, and so may everyone when the office allows it
    (`[office] transfer_across_agencies = true`)."""
    if ticket_agency == target_agency or scope is None:
        return True
    return across_agencies_allowed


def complaint_agency(scope: str | None, chosen: str | None) -> str | None:
    """The agency a complaint is about: always an agency-bound person's own (an agency admin
    records complaints about its own agency, whatever the form says); for anyone else the
    one chosen in an MPP's form, which the use case checks; none (an empty choice): worked
    out from the ticket number, or the office as a whole."""
    if scope is not None:
        return scope
    return chosen or None


def require(allowed: bool, message: str = OUTSIDE_SCOPE_MESSAGE) -> None:
    if not allowed:
        raise DomainError(ErrorKind.FORBIDDEN, OUTSIDE_SCOPE, message)


def outside_scope(message: str = OUTSIDE_SCOPE_MESSAGE) -> DomainError:
    return DomainError(ErrorKind.FORBIDDEN, OUTSIDE_SCOPE, message)
