"""Why a service gives no numbers right now, in words for a kiosk button."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from antrean.core.hours import IssuingHours, closed_state, parse_time_range

WITA = ZoneInfo("Asia/Makassar")
WEEKDAYS_ONLY = IssuingHours(
    (parse_time_range("08:00-14:00"),) * 4 + (parse_time_range("08:00-11:00"), None, None)
)


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=WITA)  # 23 November 2026 is a Monday


@pytest.mark.parametrize(("moment", "code", "label"), [
    (at(23, 7, 30), "before_hours", "Pengambilan nomor dibuka pukul 08.00"),
    (at(23, 14, 0), "after_hours",
     "Pengambilan nomor sudah ditutup. Buka kembali besok pukul 08.00"),
    (at(27, 11, 5), "after_hours",
     "Pengambilan nomor sudah ditutup. Buka kembali hari Senin pukul 08.00"),
    (at(28, 9, 0), "closed_today", "Tidak dibuka hari ini. Buka kembali hari Senin pukul 08.00"),
    (at(29, 9, 0), "closed_today", "Tidak dibuka hari ini. Buka kembali besok pukul 08.00"),
])
def test_a_closed_service_says_when_it_opens(moment: datetime, code: str, label: str) -> None:
    state = closed_state(WEEKDAYS_ONLY, moment)
    assert state is not None and (state.code, state.label) == (code, label)


def test_an_open_service_has_no_closed_state() -> None:
    assert closed_state(WEEKDAYS_ONLY, at(23, 8, 0)) is None
    assert closed_state(IssuingHours.always(), at(28, 23, 59)) is None


def test_a_service_never_open_says_only_that() -> None:
    never = IssuingHours((None,) * 7)
    state = closed_state(never, at(23, 9))
    assert state is not None and state.label == "Tidak dibuka hari ini"
