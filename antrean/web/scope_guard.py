"""Every staff route declares how the agency scope applies to it (core.scope holds the rules).

`@scoped(Scope.COUNTER)` under `@require_roles(...)` says which path argument names the
target; require_roles then checks it after the role, before the view runs. A route that
declares nothing is for office-wide people only: a new route can never leak one agency's
data to another by being forgotten. People of the whole office (every petugas and admin of a
single-office install) pass without a look-up.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from enum import StrEnum
from typing import Any, TypeVar

from antrean.config import AgencySettings, Settings
from antrean.core import scope as rules
from antrean.core.access import Principal
from antrean.core.scope import OFFICE_ONLY_MESSAGE, require
from antrean.usecases.access import scope_targets
from antrean.usecases.agency_scope import parse_agency
from antrean.web.office import current_office

F = TypeVar("F", bound=Callable[..., Any])


class Scope(StrEnum):
    OFFICE = "office"  # office-wide people only (devices, audit, office details, ...)
    AGENCY = "agency"  # anyone with the role; what it lists is filtered to their agency
    COUNTER = "counter"  # <number>: a counter of their agency
    SERVICE = "service"  # <code>: a service of their agency
    TICKET = "ticket"  # <public_id>: a ticket waiting for a service of their agency
    USER = "user"  # <user_id>: an account they may manage (core.scope.can_manage_user)
    OWN_AGENCY = "own_agency"  # <agency>: their own agency (its logo)


# The path argument each scope reads its target from.
TARGET_ARGUMENT = {Scope.COUNTER: "number", Scope.SERVICE: "code", Scope.TICKET: "public_id",
                   Scope.USER: "user_id", Scope.OWN_AGENCY: "agency"}


def scoped(scope: Scope) -> Callable[[F], F]:
    """Declare the route's scope; put it under @require_roles, which enforces it."""
    def declare(view: F) -> F:
        view.scope = scope  # type: ignore[attr-defined]
        return view
    return declare


def declared_scope(view: Callable[..., Any]) -> Scope:
    return getattr(view, "scope", Scope.OFFICE)


def check_scope(principal: Principal, scope: Scope, arguments: Mapping[str, Any]) -> None:
    """Raise 403 outside_scope when the target lies outside the principal's agency."""
    if rules.is_office_wide(principal):
        return
    if scope is Scope.OFFICE:
        raise rules.outside_scope(OFFICE_ONLY_MESSAGE)
    if scope is Scope.AGENCY:
        return
    check_target(principal, scope, arguments[TARGET_ARGUMENT[scope]])


def check_target(principal: Principal, scope: Scope, target: Any) -> None:
    """The same check for a target named in the body or form (the loket a petugas picks)."""
    if rules.is_office_wide(principal) or scope in (Scope.OFFICE, Scope.AGENCY):
        return
    if scope is Scope.USER:
        account = scope_targets.account_scope(current_office(), target)
        require(account is None or rules.can_manage_user(principal, *account))
        return
    agency = _AGENCY_OF[scope](target)
    require(agency is None or rules.may_act_in(principal, agency))


_AGENCY_OF: dict[Scope, Callable[[Any], str | None]] = {
    Scope.COUNTER: lambda number: scope_targets.counter_agency(current_office(), number),
    Scope.SERVICE: lambda code: scope_targets.service_agency(current_office(), code),
    Scope.TICKET: lambda public_id: scope_targets.ticket_agency(current_office(), public_id),
    Scope.OWN_AGENCY: lambda code: code if isinstance(code, str) else None,
}


def with_own_agency(table: dict[str, Any], agency: str | None) -> dict[str, Any]:
    """A new service of an agency admin (`agency`) belongs to their agency unless the table
    says otherwise (which the use case then refuses, core.scope)."""
    if agency is not None and not table.get("agency"):
        return {**table, "agency": agency}
    return table


def scoped_services(settings: Settings, scope: str | None,
                    requested: list[str]) -> list[str] | None:
    """The service codes a list is filtered by: those asked for within the scope, or the
    scope's every service; None (no filter) only for the whole office asking for none. An
    agency without services gets an empty list, never the whole office. Asking for another
    agency's service is refused."""
    if scope is None:
        return requested or None
    own = [service.code for service in settings.services if rules.within(scope, service.agency)]
    require(all(code in own for code in requested))
    return requested or own


def agency_in_scope(principal: Principal | None, requested: str | None) -> str | None:
    """The agency a report, the monitor or a list is narrowed to: the one asked for (checked
    against the building's agencies), and always the person's own for agency-bound staff."""
    agency = parse_agency(current_office(), requested)
    return rules.scoped_agency(principal, agency) if principal is not None else agency


def agency_choices(principal: Principal | None) -> tuple[AgencySettings, ...]:
    """The agencies a filter offers this person: none in a single office, their own when
    agency-bound, every one for the whole building."""
    settings = current_office().settings
    if not settings.has_agencies:
        return ()
    if principal is None:
        return settings.agencies
    shown = set(rules.visible_agencies(principal, [a.code for a in settings.agencies]))
    return tuple(a for a in settings.agencies if a.code in shown)
