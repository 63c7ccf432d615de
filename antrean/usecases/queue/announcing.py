"""The announcement that goes with a call: shown text, spoken text and clip list."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from antrean.core.announcement import build_announcement
from antrean.usecases.context import Office


def announcement_for(office: Office, number: str, counter_number: int) -> dict[str, Any]:
    settings = office.settings.office
    announcement = build_announcement(
        number, counter_number, reading=settings.number_reading,
        counter=office.settings.counter_voice(counter_number),
    )
    return {**asdict(announcement), "repeat": settings.announcement_repeat}
