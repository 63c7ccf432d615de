"""The register of a deployment's offices, kept in the root office's database.

Each row keeps the [[offices]] table it was created from (JSON of the TOML values): the time
zone the office's numbering day follows, and the name and address its own set-up started
with (its admin edits those live in the office's own database afterwards).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from antrean.db.models import Base


class RegisteredOffice(Base):
    __tablename__ = "deployment_offices"

    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    position: Mapped[int] = mapped_column(Integer)  # the dashboard's order
    definition: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
