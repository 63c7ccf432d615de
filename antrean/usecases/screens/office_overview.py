"""One office at a glance, for the dashboard of a deployment of many offices: who waits,
the longest wait, how many loket are open and how many people wait past their service's
target (the standar pelayanan)."""

from __future__ import annotations

from dataclasses import dataclass

from antrean.core.counter_status import CounterStatus
from antrean.core.errors import DomainError
from antrean.db import event_counts, queries
from antrean.usecases.context import Office


@dataclass(frozen=True)
class OfficeOverview:
    name: str
    address: str
    waiting: int
    longest_wait_seconds: int | None  # None: nobody waits
    open_counters: int
    counters: int
    overdue: int  # waiting longer than their service's target wait
    served_today: int
    clock_label: str  # the office's own time, in its own time zone


def office_overview(office: Office) -> OfficeOverview:
    now = office.now()
    day = office.clock.local_day(now)
    with office.read_transaction() as session:
        settings = office.settings  # as the transaction's set-up has it
        waiting = queries.waiting_tickets(session, [s.code for s in settings.services], day)
        states = queries.counter_states(session)
        served = event_counts.finished_on(session, day)
    targets = {s.code: s.target_wait_minutes * 60 for s in settings.services
               if s.target_wait_minutes}
    waits = [(ticket.service_code, int((now - ticket.issued_at).total_seconds()))
             for ticket in waiting]
    return OfficeOverview(
        name=settings.office.name,
        address=settings.office.address,
        waiting=len(waits),
        longest_wait_seconds=max((seconds for _, seconds in waits), default=None),
        open_counters=sum(1 for counter in settings.counters
                          if (state := states.get(counter.number)) is not None
                          and state.state == CounterStatus.OPEN),
        counters=len(settings.counters),
        overdue=sum(1 for code, seconds in waits if code in targets and seconds > targets[code]),
        served_today=served,
        clock_label=office.clock.format_time(now),
    )


@dataclass(frozen=True)
class OfficeRow:
    """An office on the deployment's dashboard; `overview` None when its database could not
    be read (`message` says so): one office down never blanks the others."""

    code: str
    overview: OfficeOverview | None
    message: str = ""

    @property
    def longest_wait_label(self) -> str:
        seconds = self.overview.longest_wait_seconds if self.overview else None
        return "—" if seconds is None else f"{seconds // 60} menit"

    @property
    def counters_label(self) -> str:
        return f"{self.overview.open_counters} / {self.overview.counters}" if self.overview \
            else ""


def office_row(code: str, office: Office) -> OfficeRow:
    try:
        return OfficeRow(code, office_overview(office))
    except DomainError as error:
        return OfficeRow(code, None, error.message)


def deployment_totals(rows: list[OfficeRow]) -> dict[str, int]:
    """The deployment's own line: every office that answered, summed."""
    answered = [row.overview for row in rows if row.overview is not None]
    return {"offices": len(rows), "answered": len(answered),
            "waiting": sum(o.waiting for o in answered),
            "open_counters": sum(o.open_counters for o in answered),
            "counters": sum(o.counters for o in answered),
            "overdue": sum(o.overdue for o in answered),
            "served_today": sum(o.served_today for o in answered)}
