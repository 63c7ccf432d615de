"""The one-time code that lets the first admin be created (kept only as a hash)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from antrean.db.models import Base
from antrean.db.types import UtcDateTime


class SetupCode(Base):
    __tablename__ = "setup_codes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code_hash: Mapped[str] = mapped_column(String(64))  # SHA-256 of the code
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
