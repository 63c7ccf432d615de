"""The shapes screens receive: tickets, services, loket, the snapshot. Built by the use cases
(queue.ticket_view, queue.service_status, queue.screen_pieces, screens.queue_snapshot), sent as
JSON by the API and Socket.IO, read by the page scripts; mypy holds the builders to them.

No postponed annotations here: the TypedDicts must know at run time which keys are optional."""

from typing import Any, NotRequired, TypedDict


class PrintStatus(TypedDict):
    """How a ticket's paper copy went (usecases.queue.ticket_printing)."""

    job: int  # the kiosk knows its job from the issue answer; the ticket's id is not here
    number: str
    status: str  # pending, printed, failed
    message: str
    error: str | None


class TicketView(TypedDict):
    """A ticket as the API, the screens, the phones and the printer see it. Never the row id;
    `id` is the unguessable public id."""

    id: NotRequired[str]  # left out of what screens and public answers get (screen_ticket)
    number: str
    service: str
    service_name: str
    agency_name: str | None  # an MPP's instansi, "Disdukcapil"; None in a single office
    origin_service: str
    status: str
    status_label: str
    priority: str | None
    priority_label: str | None
    channel: str
    issued_at: str
    called_at: str | None
    started_at: str | None
    finished_at: str | None
    counter: int | None
    ahead: int
    ahead_label: str
    ahead_note: str | None  # while it waits: "Anda berikutnya", "3 orang lagi"
    estimated_wait_seconds: int
    estimated_wait_label: str | None
    counter_name: str | None  # the loket's name as the TV shows it, once called
    priority_check: str | None  # a core.priority_check.PriorityCheck value; None: not checked
    priority_check_label: str | None
    print_status: NotRequired[PrintStatus | None]  # a kiosk ticket, as issued


class CounterView(TypedDict):
    """A loket as every screen names it."""

    number: int
    name: str
    services: list[str]
    state: str  # a CounterStatus value
    state_label: str


class ServiceStatus(TypedDict):
    """A service's entry on every screen: its queue now and whether numbers can be taken."""

    code: str
    name: str
    prefix: str
    agency: str  # the instansi's code; the implicit one ("kantor") in a single office
    waiting: int
    issued_today: int
    daily_quota: int | None
    quota_left: int | None
    waiting_label: str
    open: bool
    closed_reason: str | None
    closed_code: str | None
    closed_label: str | None
    issuing_hours_today: str | None
    target_wait_minutes: int | None
    paused_reason: str | None  # "Tutup layanan sementara" from /admin, shown on kiosk and TV
    extra_quota_today: int  # "Tambah kuota hari ini"


class CurrentTicket(TicketView):
    """The ticket at a loket; while it is called, the call a TV announces."""

    call_id: int | None
    announcement: dict[str, Any] | None


class CounterEntry(CounterView):
    """A loket's entry on every screen: its state, its ticket, the line under it on the TV."""

    current: CurrentTicket | None
    note: str


class RecentCall(TypedDict):
    number: str
    counter: int | None
    counter_name: str | None  # the loket as the TV shows it ("Loket Prioritas")
    service: str
    status: str
    called_at: str | None


class SnapshotOffice(TypedDict):
    name: str
    timezone: str
    zone_name: str
    date_label: str
    counter_word: str


class SnapshotZone(TypedDict):
    code: str
    name: str


class ScreenState(TypedDict):
    """The snapshot but for its moment (screens.snapshot_cache keeps it so, and cuts a zone's
    from it: usecases.queue.zone_pieces)."""

    office: SnapshotOffice
    local_day: str
    versions: dict[str, int]
    services: list[ServiceStatus]
    counters: list[CounterEntry]
    recent_calls: list[RecentCall]
    running_text: str
    zone: SnapshotZone | None  # a zoned TV's zone; None: the whole office


class QueueSnapshot(ScreenState):
    """Everything a screen draws, whole: on connect, on reconnect, on request. Update events
    then replace its pieces (services by code, counters by number, recent_calls,
    running_text) when their version is newer."""

    server_time: str


class ScreenUpdate(TypedDict):
    """The pieces one change moved, with their new versions: the "update" event
    (usecases.queue.screen_changes), or a zone's cut of it (usecases.queue.zone_pieces)."""

    versions: dict[str, int]
    services: list[ServiceStatus]
    counters: list[CounterEntry]
    recent_calls: NotRequired[list[RecentCall]]  # when a call moved them
    running_text: NotRequired[str]  # when it changed


class OfficeUpdate(ScreenUpdate):
    """The office's update; the broadcaster sends each zone's cut to that zone's TVs."""

    zones: NotRequired[dict[str, ScreenUpdate]]  # by zone code; an office with zones only
