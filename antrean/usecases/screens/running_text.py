"""The running text on the lobby TV: config gives the default, an admin may change it."""

from __future__ import annotations

from antrean.core.errors import invalid
from antrean.db.models import Setting
from antrean.usecases.access import audit
from antrean.usecases.context import Office
from antrean.usecases.queue.screen_changes import ScreenChanges
from antrean.usecases.queue.screen_pieces import RUNNING_TEXT_KEY as KEY
from antrean.usecases.queue.screen_pieces import read_running_text

__all__ = ["KEY", "read_running_text", "set_running_text"]  # where callers look for them

MAX_LENGTH = 500


def set_running_text(office: Office, text: object, actor_id: int | None = None) -> str:
    if not isinstance(text, str) or len(text.strip()) > MAX_LENGTH:
        raise invalid("invalid_running_text", f"Teks berjalan harus berupa teks, paling "
                      f"banyak {MAX_LENGTH} karakter.")
    value = " ".join(text.split())
    with office.transaction() as session:
        row = session.get(Setting, KEY)
        if row is None:
            session.add(Setting(key=KEY, value=value))
        else:
            row.value = value
        audit.record(session, office, audit.RUNNING_TEXT_CHANGED, actor_id, detail=value)
        update = ScreenChanges(running_text=True).update_event(session, office)
    office.publish([update])
    return value
