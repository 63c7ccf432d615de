"""Uploaded lobby media, kept in the database itself: every server process and every backup
has them, with no shared folder to set up."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from antrean.core.media_rules import MediaKind
from antrean.db.models import Base
from antrean.db.types import StrEnumColumn, UtcDateTime


class MediaFile(Base):
    __tablename__ = "media_files"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)  # served at /media/<name>
    kind: Mapped[MediaKind] = mapped_column(StrEnumColumn(MediaKind, 8))
    content_type: Mapped[str] = mapped_column(String(32))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    # Read only to serve the file: listing media never loads their bytes.
    data: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    uploaded_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    zone: Mapped[str | None] = mapped_column(String(32))  # set: played only in this zone
    position: Mapped[int] = mapped_column(Integer)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    seconds: Mapped[int | None] = mapped_column(Integer)  # how long an image stays on screen
