"""The running text on the lobby TV: config gives the default, an admin may change it."""

from __future__ import annotations

from sqlalchemy.orm import Session

from antrean.core.errors import invalid
from antrean.db.models import Setting
from antrean.usecases.access import audit
from antrean.usecases.context import Office
from antrean.usecases.events import QueueEvent

KEY = "running_text"
MAX_LENGTH = 500


def read_running_text(session: Session, office: Office) -> str:
    row = session.get(Setting, KEY)
    return row.value if row else office.settings.office.running_text


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
    office.publish([QueueEvent("running_text", extra={"running_text": value})])
    return value
