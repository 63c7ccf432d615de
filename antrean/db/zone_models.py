"""Lobby zones as an admin edits them: each row keeps the [[zones]] table config.toml would
hold (JSON of the TOML values), checked by the config's own rules and exported back as it is."""

from __future__ import annotations

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from antrean.db.models import Base


class SetupZone(Base):
    __tablename__ = "setup_zones"

    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    definition: Mapped[str] = mapped_column(Text)  # the [[zones]] table as JSON
