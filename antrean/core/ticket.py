"""Ticket states, priority categories and the transitions a ticket may take."""

from __future__ import annotations

from enum import StrEnum

from antrean.core.errors import conflict, invalid


class TicketStatus(StrEnum):
    WAITING = "waiting"
    CALLED = "called"
    SERVING = "serving"
    DONE = "done"
    SKIPPED = "skipped"
    NO_SHOW = "no_show"
    TRANSFERRED = "transferred"
    CANCELLED = "cancelled"


STATUS_LABELS: dict[TicketStatus, str] = {
    TicketStatus.WAITING: "Menunggu",
    TicketStatus.CALLED: "Dipanggil",
    TicketStatus.SERVING: "Sedang Dilayani",
    TicketStatus.DONE: "Selesai",
    TicketStatus.SKIPPED: "Dilewati",
    TicketStatus.NO_SHOW: "Tidak Hadir",
    TicketStatus.TRANSFERRED: "Dialihkan",
    TicketStatus.CANCELLED: "Dibatalkan",
}


class Priority(StrEnum):
    """Groups owed special service under UU 25/2009 art. 29, plus ibu menyusui."""

    LANSIA = "lansia"
    DISABILITAS = "disabilitas"
    IBU_HAMIL = "ibu_hamil"
    IBU_MENYUSUI = "ibu_menyusui"
    ANAK = "anak"
    KORBAN_BENCANA = "korban_bencana"


PRIORITY_LABELS: dict[Priority, str] = {
    Priority.LANSIA: "Lanjut usia (60+)",
    Priority.DISABILITAS: "Penyandang disabilitas",
    Priority.IBU_HAMIL: "Ibu hamil",
    Priority.IBU_MENYUSUI: "Ibu menyusui",
    Priority.ANAK: "Anak-anak",
    Priority.KORBAN_BENCANA: "Korban bencana",
}


def priority_label(value: str | None) -> str | None:
    """The label of a stored priority code; None for a regular ticket."""
    return PRIORITY_LABELS[Priority(value)] if value else None


def parse_priority(value: object) -> Priority | None:
    """Accept None/"" for a regular ticket; reject unknown categories."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        normalized = value.strip().lower().replace(" ", "_").replace("-", "_")
        if normalized in Priority._value2member_map_:
            return Priority(normalized)
    choices = ", ".join(p.value for p in Priority)
    raise invalid("invalid_priority", f"Kategori prioritas tidak dikenal. Pilihan: {choices}.")


class TicketAction(StrEnum):
    """What a petugas (or the citizen, for cancel) can do to a ticket."""

    CALL = "call"
    RECALL = "recall"
    START = "start"
    FINISH = "finish"
    SKIP = "skip"
    NO_SHOW = "no_show"
    TRANSFER = "transfer"
    CANCEL = "cancel"
    REQUEUE = "requeue"  # a skipped ticket goes back to waiting
    HAND_BACK = "hand_back"  # its loket was removed or stopped serving it: back to waiting


# The detail of a "cancel" event when the citizen cancelled from the tracking page.
CITIZEN_CANCEL = "warga"

# States in which a ticket stands in a queue and can be called.
WAITING_STATUSES = frozenset({TicketStatus.WAITING, TicketStatus.TRANSFERRED})

# Which states each action may start from, and where it leads.
_TRANSITIONS: dict[TicketAction, tuple[frozenset[TicketStatus], TicketStatus]] = {
    TicketAction.CALL: (WAITING_STATUSES, TicketStatus.CALLED),
    TicketAction.RECALL: (frozenset({TicketStatus.CALLED}), TicketStatus.CALLED),
    TicketAction.START: (frozenset({TicketStatus.CALLED}), TicketStatus.SERVING),
    TicketAction.FINISH: (
        frozenset({TicketStatus.CALLED, TicketStatus.SERVING}),
        TicketStatus.DONE,
    ),
    TicketAction.SKIP: (frozenset({TicketStatus.CALLED}), TicketStatus.SKIPPED),
    TicketAction.NO_SHOW: (
        frozenset({TicketStatus.CALLED, TicketStatus.SKIPPED}),
        TicketStatus.NO_SHOW,
    ),
    # A transferred ticket waits in the other service's queue, keeping its number and its
    # place by issue time; "Dialihkan" tells the citizen why the service changed.
    TicketAction.TRANSFER: (
        frozenset({TicketStatus.WAITING, TicketStatus.CALLED, TicketStatus.SERVING,
                   TicketStatus.SKIPPED, TicketStatus.TRANSFERRED}),
        TicketStatus.TRANSFERRED,
    ),
    TicketAction.CANCEL: (
        WAITING_STATUSES | {TicketStatus.SKIPPED},
        TicketStatus.CANCELLED,
    ),
    TicketAction.REQUEUE: (frozenset({TicketStatus.SKIPPED}), TicketStatus.WAITING),
    TicketAction.HAND_BACK: (frozenset({TicketStatus.CALLED, TicketStatus.SERVING}),
                             TicketStatus.WAITING),
}

FINAL_STATUSES = frozenset(
    {TicketStatus.DONE, TicketStatus.NO_SHOW, TicketStatus.CANCELLED}
)
# States in which a ticket occupies a counter.
AT_COUNTER_STATUSES = frozenset({TicketStatus.CALLED, TicketStatus.SERVING})


def next_status(current: TicketStatus, action: TicketAction) -> TicketStatus:
    """The state after `action`, or a conflict error that names both."""
    allowed_from, target = _TRANSITIONS[action]
    if current not in allowed_from:
        raise conflict(
            "invalid_state",
            f"Tiket berstatus {STATUS_LABELS[current]}; tindakan '{action.value}' tidak dapat "
            "dilakukan.",
        )
    return target
