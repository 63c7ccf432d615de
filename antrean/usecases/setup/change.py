"""One change to the live set-up: checked by the config's rules, stored, audited, announced.

Every edit goes through `SetupChange`: it locks the stored set-up, lets the caller change the
rows, builds the settings the database would then hold (config.toml's own validation and
messages), bumps the set-up version and tells the screens of every process after the commit.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from antrean.config import ConfigError, Settings
from antrean.core.errors import DomainError, ErrorKind, invalid
from antrean.db import setup_store
from antrean.usecases.access import audit
from antrean.usecases.context import Office
from antrean.usecases.events import EventKind, QueueEvent
from antrean.usecases.live_setup import LiveSetup, build
from antrean.usecases.queue.screen_changes import ScreenChanges

# What the admin pages call each key the config's messages name.
FIELD_LABELS = {
    "code": "Kode", "name": "Nama", "prefix": "Prefiks", "target_wait_minutes": "Target tunggu",
    "daily_quota": "Kuota harian", "issuing_hours": "Jam pengambilan nomor",
    "average_service_minutes": "Rata-rata lama layanan", "number": "Nomor loket",
    "services": "Layanan", "counters": "Loket", "address": "Alamat",
    "number_reading": "Cara membaca nomor", "announcement_repeat": "Pengulangan panggilan",
    "counter_word": "Sebutan loket", "spoken": "Ucapan loket",
    "agency": "Instansi", "short_name": "Nama singkat", "logo": "Logo",
    "agencies": "Instansi", "running_text": "Teks berjalan",
}


class SettingError(DomainError):
    """A value the config's rules refuse; `field` is the key it names."""

    def __init__(self, error: ConfigError) -> None:
        parts = error.key.split(".")
        self.field = parts[1] if len(parts) > 1 else parts[0]
        label = FIELD_LABELS.get(self.field.split("[")[0], self.field)
        super().__init__(ErrorKind.INVALID, "invalid_setting", f"{label}: {error.problem}")
        self.config_message = str(error)


def live(office: Office) -> LiveSetup:
    if office.setup is None:
        raise RuntimeError("this office's set-up is not live (see setup.start)")
    return office.setup


@dataclass
class SetupChange:
    session: Session
    office: Office
    stored: setup_store.StoredSetup
    today: date
    services: set[str] = field(default_factory=set)  # screen pieces to send again
    counters: set[int] = field(default_factory=set)
    calls: bool = False
    events: list[QueueEvent] = field(default_factory=list)
    settings: Settings | None = None

    def check(self) -> Settings:
        """The settings the changed rows make, or the config's message for the first bad
        value; the effective prefixes of today must stay unique too."""
        stored = setup_store.StoredSetup(self.stored.office, self.stored.services,
                                         self.stored.counters, self.stored.agencies,
                                         self.stored.zones)
        try:
            settings = build(live(self.office).base, stored, self.today)
        except ConfigError as error:
            raise SettingError(error) from error
        prefixes = [service.prefix for service in settings.services]
        for prefix in prefixes:
            if prefixes.count(prefix) > 1:
                raise invalid("prefix_in_use_today", f"Prefiks: '{prefix}' masih dipakai "
                              "layanan lain hari ini; pilih prefiks lain atau ubah besok.")
        self.settings = settings
        return settings

    def record(self, action: str, target: str, before: object, after: object,
               actor_id: int | None) -> None:
        detail = json.dumps({"before": before, "after": after}, ensure_ascii=False, default=str)
        audit.record(self.session, self.office, action, actor_id, target=target, detail=detail)


@contextmanager
def setup_change(office: Office) -> Iterator[SetupChange]:
    """Yields the change to fill in; commits it and tells every screen, or changes nothing."""
    live(office)
    with office.transaction() as session:
        change = SetupChange(session, office, setup_store.load(session, lock=True),
                             office.clock.local_day(office.now()))
        yield change
        settings = change.settings or change.check()
        setup_store.bump(session)
        # The screens' pieces are read with the new set-up, in this transaction.
        after = replace(office, settings=settings)
        update = ScreenChanges(services=change.services, counters=change.counters,
                               calls=change.calls).update_event(session, after)
    # This process's next reads (some come before any transaction) see the change at once.
    office.settings = settings
    setup = QueueEvent(EventKind.SETUP, extra=_setup_payload(settings))
    office.publish([*change.events, update, setup])


def _setup_payload(settings: Settings) -> dict[str, Any]:
    return {"services": [s.code for s in settings.services],
            "counters": [c.number for c in settings.counters],
            "agencies": [a.code for a in settings.agencies]}
