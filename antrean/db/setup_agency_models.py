"""The agencies (instansi) of a Mal Pelayanan Publik as an admin edits them live.

Like a service, each row keeps its [[agencies]] table as JSON, checked by the config's own
rules and exported back to TOML as it is. No rows: a single office (the implicit agency).
"""

from __future__ import annotations

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from antrean.db.models import Base


class SetupAgency(Base):
    __tablename__ = "setup_agencies"

    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    position: Mapped[int] = mapped_column(Integer)  # the kiosk's order
    definition: Mapped[str] = mapped_column(Text)  # the [[agencies]] table as JSON
