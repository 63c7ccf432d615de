"""[[holidays]], [booking], [notify] and the booking keys of a service, as config.toml
gives them: every bad value stops the start and names its key."""

from __future__ import annotations

import tomllib
from datetime import date, time
from pathlib import Path

import pytest

from antrean.config import ConfigError, load_settings, parse_settings

REPO_ROOT = Path(__file__).resolve().parents[2]

BASE = """
[office]
name = "Kantor"
timezone = "Asia/Jakarta"
{office}

[[services]]
code = "KTP"
name = "KTP-el"
prefix = "A"
{service}

[[counters]]
number = 1
services = ["KTP"]
{tables}
"""


def settings_from(office: str = "", service: str = "", tables: str = "") -> object:
    return parse_settings(tomllib.loads(BASE.format(office=office, service=service,
                                                    tables=tables)))


def test_sessions_quota_and_overrides() -> None:
    settings = settings_from(
        service='sessions = ["10:00-12:00", { time = "08:00-10:00", capacity = 8 }]\n'
                "session_capacity = 20\nnik_required = true\nrelease_minutes = 5\n",
        tables="[booking]\ncheckin_opens_minutes = 30\nreminder_time = \"05.30\"\n")
    rules = settings.services[0].booking  # type: ignore[attr-defined]
    assert [(s.key, s.capacity) for s in rules.sessions] == [("08:00", 8), ("10:00", 20)]
    assert rules.online_quota == 28  # default: the sessions' capacity
    assert (rules.nik_required, rules.release_minutes, rules.checkin_opens_minutes,
            rules.checkin_closes_minutes, rules.days_ahead) == (True, 5, 30, 15, 7)
    assert settings.booking.reminder_time == time(5, 30)  # type: ignore[attr-defined]


def test_a_service_without_sessions_takes_no_bookings() -> None:
    assert settings_from().services[0].booking is None  # type: ignore[attr-defined]


def test_holidays_and_working_days() -> None:
    settings = settings_from(
        office='working_days = ["senin", "selasa", "rabu", "kamis", "jumat", "sabtu"]',
        tables='[[holidays]]\ndate = 2026-08-17\nname = "Hari Kemerdekaan"\n'
               '[[holidays]]\ndate = "2026-12-25"\nname = "Natal"\n')
    calendar = settings.calendar  # type: ignore[attr-defined]
    assert calendar.holiday_on(date(2026, 12, 25)).name == "Natal"
    assert calendar.is_working_day(date(2026, 8, 15))  # a Saturday


@pytest.mark.parametrize(("office", "service", "tables", "names"), [
    ("", 'sessions = ["08:00-10:00"]', "", "services[0].sessions[0]"),
    ("", 'sessions = ["08:00-10:00", "09:00-11:00"]\nsession_capacity = 5', "",
     "services[0].sessions"),
    ("", 'sessions = ["10:00-08:00"]\nsession_capacity = 5', "", "services[0].sessions[0]"),
    ("", 'sessions = [{ time = "08:00-10:00" }]', "", "services[0].sessions[0].capacity"),
    ("", 'sessions = []', "", "services[0].sessions"),
    ("", "online_quota = 10", "", "services[0].online_quota"),
    ("", 'sessions = ["08:00-10:00"]\nsession_capacity = 5\ncheckin_opens_minutes = 999', "",
     "services[0].checkin_opens_minutes"),
    ("", 'sessions = ["08:00-10:00"]\nsession_capacity = 5\nnik_required = "ya"', "",
     "services[0].nik_required"),
    ('working_days = ["senin", "libur"]', "", "", "office.working_days"),
    ("", "", '[[holidays]]\ndate = "17-08-2026"\nname = "X"', "holidays[0].date"),
    ("", "", '[[holidays]]\ndate = 2026-08-17', "holidays[0].name"),
    ("", "", '[[holidays]]\ndate = 2026-08-17\nname = "A"\n[[holidays]]\ndate = 2026-08-17\n'
             'name = "B"', "holidays.date"),
    ("", "", '[booking]\nreminder_time = "pagi"', "booking.reminder_time"),
    ("", "", "[booking]\nrelease_minutes = -1", "booking.release_minutes"),
    ("", "", '[notify]\nwebhook_url = "ftp://x"', "notify.webhook_url"),
    ("", "", '[notify]\nwebhook_url = "https://gw.example/x"', "notify.webhook_secret"),
    ("", "", '[notify]\nsmtp_host = "127.0.0.1"', "notify.email_from"),
    ("", "", '[notify]\nsmtp_security = "tls"', "notify.smtp_security"),
])
def test_a_bad_booking_setting_names_the_key(office: str, service: str, tables: str,
                                             names: str) -> None:
    with pytest.raises(ConfigError) as raised:
        settings_from(office, service, tables)
    assert str(raised.value).startswith(names), str(raised.value)


def test_the_demo_config_takes_bookings() -> None:
    settings = load_settings(REPO_ROOT / "config.toml")
    assert any(service.booking for service in settings.services)
