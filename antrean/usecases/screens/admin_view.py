"""What the admin pages show: services and counters as configured, with today's figures.

Only the admin templates read it, so its shapes are frozen dataclasses."""

from __future__ import annotations

from dataclasses import dataclass

from antrean.config import CounterSettings, ServiceSettings
from antrean.core.clock import DAY_NAMES
from antrean.core.hours import IssuingHours, TimeRange
from antrean.core.scope import within
from antrean.db import event_counts, print_jobs, queries
from antrean.db.models import CounterState
from antrean.usecases.context import Office
from antrean.usecases.feedback.standards import IncompleteStandard, incomplete_standards
from antrean.usecases.queue.counter_holding import holders
from antrean.usecases.queue.counter_view import counter_view
from antrean.usecases.queue.screen_pieces import read_running_text
from antrean.usecases.queue.service_status import service_statuses
from antrean.usecases.shapes import ServiceStatus


@dataclass(frozen=True)
class AdminService:
    """A service as configured, with its figures and state today."""

    code: str
    name: str
    prefix: str
    target_wait_minutes: int | None
    daily_quota: int | None
    average_service_minutes: float
    hours: list[str]  # hours_label
    issued_today: int
    waiting: int
    served_today: int
    open: bool
    closed_reason: str | None
    closed_label: str | None


@dataclass(frozen=True)
class AdminCounter:
    """A loket as configured, its state and who holds it."""

    number: int
    name: str
    services: list[str]
    state: str
    state_label: str
    service_names: list[str]
    petugas: str | None


@dataclass(frozen=True)
class Totals:
    """Today's figures of the services shown."""

    issued_today: int
    waiting: int
    served_today: int


@dataclass(frozen=True)
class OfficeOverview:
    date_label: str
    zone_name: str
    services: list[AdminService]
    counters: list[AdminCounter]
    running_text: str
    failed_prints: int | None  # None: not the agency admin's to see
    incomplete_standards: list[IncompleteStandard]
    totals: Totals
    config_path: str


def office_overview(office: Office, scope: str | None = None) -> OfficeOverview:
    """Services (config + today's counts), counters (config + state), running text; with
    `scope` (an agency admin's agency), that agency's services and counters only, and none
    of the office's own figures (failed kiosk prints)."""
    day = office.clock.local_day(office.now())
    with office.transaction() as session:
        statuses = {s["code"]: s for s in service_statuses(session, office)}
        finished = event_counts.finished_by_service(session, day)
        states = queries.counter_states(session)
        held_by = holders(session, office)
        running_text = read_running_text(session, office)
        failed_prints = print_jobs.failed_count(session) if scope is None else None
    settings = office.settings
    services = [_service_row(service, statuses[service.code], finished.get(service.code, 0))
                for service in settings.services if within(scope, service.agency)]
    names = {service.code: service.name for service in settings.services}
    counters = [_counter_row(counter, states.get(counter.number), names,
                             held_by.get(counter.number))
                for counter in settings.counters if within(scope, counter.agency)]
    shown = {service.code for service in services}
    return OfficeOverview(
        date_label=office.clock.format_date(office.now()),
        zone_name=office.clock.zone_name,
        services=services,
        counters=counters,
        running_text=running_text,
        failed_prints=failed_prints,
        incomplete_standards=[row for row in incomplete_standards(office) if row.code in shown],
        totals=Totals(issued_today=sum(row.issued_today for row in services),
                      waiting=sum(row.waiting for row in services),
                      served_today=sum(row.served_today for row in services)),
        config_path=str(office.settings.source or "config.toml"),
    )


def _service_row(service: ServiceSettings, status: ServiceStatus, served: int) -> AdminService:
    return AdminService(
        code=service.code,
        name=service.name,
        prefix=service.prefix,
        target_wait_minutes=service.target_wait_minutes,
        daily_quota=service.daily_quota,
        average_service_minutes=service.average_service_minutes,
        hours=hours_label(service.issuing_hours),
        issued_today=status["issued_today"],
        waiting=status["waiting"],
        served_today=served,
        open=status["open"],
        closed_reason=status["closed_reason"],
        closed_label=status["closed_label"],
    )


def _counter_row(counter: CounterSettings, state: CounterState | None, names: dict[str, str],
                 petugas: str | None) -> AdminCounter:
    view = counter_view(counter, state)
    return AdminCounter(number=view["number"], name=view["name"], services=view["services"],
                        state=view["state"], state_label=view["state_label"],
                        service_names=[names[code] for code in counter.services],
                        petugas=petugas)


def hours_label(hours: IssuingHours) -> list[str]:
    """Issuing hours in words: ["Setiap hari 08.00-14.00"] or one line per run of days."""
    ranges = hours.by_weekday
    if all(r == ranges[0] for r in ranges):
        return [_every_day(ranges[0])]
    lines: list[str] = []
    start = 0
    for index in range(1, 8):
        if index == 7 or ranges[index] != ranges[start]:
            days = DAY_NAMES[start] if index - start == 1 else \
                f"{DAY_NAMES[start]}-{DAY_NAMES[index - 1]}"
            lines.append(f"{days} {_range_label(ranges[start])}")
            start = index
    return lines


def _every_day(time_range: TimeRange | None) -> str:
    if time_range is None:
        return "Tutup"
    if time_range == IssuingHours.always().by_weekday[0]:
        return "Sepanjang hari"
    return f"Setiap hari {time_range.label()}"


def _range_label(time_range: TimeRange | None) -> str:
    return time_range.label() if time_range else "tutup"

