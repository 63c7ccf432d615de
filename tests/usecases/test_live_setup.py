"""Changing services and counters on a running day, through the use cases."""

import json
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from antrean.config import ConfigError, parse_settings
from antrean.core.errors import DomainError
from antrean.db.audit_models import AuditEntry
from antrean.usecases.queue.calling import call_next
from antrean.usecases.queue.counters import set_counter_state
from antrean.usecases.queue.issuing import issue_ticket
from antrean.usecases.queue.service_status import service_statuses
from antrean.usecases.screens.queue_snapshot import lookup_ticket, queue_snapshot
from antrean.usecases.setup.editing import remove_counter, save_counter, save_service
from antrean.usecases.setup.quick_actions import (
    add_quota_today,
    open_extra_counter,
    pause_service,
    resume_service,
)
from antrean.usecases.setup.start import make_live
from tests.conftest import OfficeFactory

MAKASSAR = ZoneInfo("Asia/Makassar")


def _status(office, code: str) -> dict:  # type: ignore[no-untyped-def,type-arg]
    with office.transaction() as session:
        return next(s for s in service_statuses(session, office) if s["code"] == code)


def test_a_new_database_is_seeded_from_the_file(make_office: OfficeFactory,
                                                sqlite_url: str) -> None:
    office, _, _ = make_office(sqlite_url, live=True)
    assert [s.code for s in office.settings.services] == ["KTP", "KK", "AKTA"]
    assert office.settings == office.setup.base  # type: ignore[union-attr]


def test_a_bad_value_gets_the_config_loaders_message(make_office: OfficeFactory,
                                                     sqlite_url: str) -> None:
    office, _, _ = make_office(sqlite_url, live=True)
    with pytest.raises(ConfigError) as from_file:
        parse_settings({**office.settings.raw, "services": [
            {"code": "KTP", "name": "K", "prefix": "A", "daily_quota": 0}]})
    with pytest.raises(DomainError) as edited:
        save_service(office, "KTP", {"daily_quota": 0})
    assert edited.value.code == "invalid_setting"
    assert edited.value.message == f"Kuota harian: {from_file.value.problem}"
    assert from_file.value.problem == "paling kecil 1"
    with pytest.raises(DomainError) as prefix:
        save_service(office, "KK", {"prefix": "b1"})
    assert prefix.value.message == "Prefiks: satu sampai tiga huruf kapital, misalnya 'A'"
    assert office.settings.service("KTP").daily_quota == 500  # type: ignore[union-attr]


def test_an_edit_takes_effect_at_once_and_is_audited_with_before_and_after(
        make_office: OfficeFactory, sqlite_url: str) -> None:
    office, _, publisher = make_office(sqlite_url, live=True)
    save_service(office, "KK", {"name": "Kartu Keluarga Baru", "daily_quota": 40,
                                "issuing_hours": "08:00-12:00"}, actor_id=None)
    status = _status(office, "KK")
    assert (status["name"], status["daily_quota"]) == ("Kartu Keluarga Baru", 40)
    assert [e.kind for e in publisher.events][-2:] == ["update", "setup"]
    with office.sessions() as session:
        entry = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert entry is not None and (entry.action, entry.target) == ("service_changed", "KK")
    detail = json.loads(entry.detail)
    assert detail["before"]["name"] == "Kartu Keluarga"
    assert detail["after"]["name"] == "Kartu Keluarga Baru"
    assert "daily_quota" not in detail["before"] and detail["after"]["daily_quota"] == 40


def test_closing_a_service_stops_new_numbers_but_serves_the_waiting_ones(
        make_office: OfficeFactory, sqlite_url: str) -> None:
    office, _, _ = make_office(sqlite_url, live=True)
    waiting = [issue_ticket(office, "KTP") for _ in range(2)]
    set_counter_state(office, 1, "open", None)
    pause_service(office, "KTP", "Jaringan SIAK pusat sedang gangguan")
    with pytest.raises(DomainError) as raised:
        issue_ticket(office, "KTP")
    assert raised.value.code == "service_paused"
    assert "Jaringan SIAK pusat sedang gangguan" in raised.value.message
    status = _status(office, "KTP")
    assert not status["open"] and status["waiting"] == 2
    assert status["closed_label"] == "Tutup sementara: Jaringan SIAK pusat sedang gangguan"
    called = call_next(office, 1, None)
    assert called is not None and called["number"] == waiting[0]["number"]
    resume_service(office, "KTP")
    assert issue_ticket(office, "KTP")["number"] == "A-003"


def test_a_quota_lowered_below_todays_count_closes_the_service_for_today(
        make_office: OfficeFactory, sqlite_url: str) -> None:
    office, clock, _ = make_office(sqlite_url, live=True)
    for _ in range(3):
        issue_ticket(office, "KTP")
    save_service(office, "KTP", {"daily_quota": 2})
    status = _status(office, "KTP")
    assert (status["open"], status["closed_code"], status["waiting"]) == (False, "quota_full", 3)
    with pytest.raises(DomainError) as raised:
        issue_ticket(office, "KTP")
    assert raised.value.code == "quota_full"
    clock.set(datetime(2026, 11, 24, 8, 0, tzinfo=MAKASSAR))
    assert issue_ticket(office, "KTP")["number"] == "A-001"


def test_more_quota_today_reopens_the_service_only_today(make_office: OfficeFactory,
                                                         sqlite_url: str) -> None:
    office, clock, _ = make_office(sqlite_url, live=True, quota=2)
    issue_ticket(office, "KTP")
    issue_ticket(office, "KTP")
    assert add_quota_today(office, "KTP", 3) == 5
    assert _status(office, "KTP")["quota_left"] == 3
    issue_ticket(office, "KTP")
    clock.set(datetime(2026, 11, 24, 8, 0, tzinfo=MAKASSAR))
    assert _status(office, "KTP")["daily_quota"] == 2
    with pytest.raises(DomainError) as raised:
        add_quota_today(office, "KK", 5)  # KK has no quota
    assert raised.value.code == "no_quota"


def test_a_prefix_change_takes_effect_from_the_next_office_day(make_office: OfficeFactory,
                                                               sqlite_url: str) -> None:
    office, clock, _ = make_office(sqlite_url, live=True)
    assert issue_ticket(office, "KTP")["number"] == "A-001"
    save_service(office, "KTP", {"prefix": "D"})
    assert issue_ticket(office, "KTP")["number"] == "A-002"
    save_service(office, "AKTA", {"prefix": "A"})  # A is KTP's only until tonight
    assert issue_ticket(office, "AKTA")["number"] == "C-001"
    with pytest.raises(DomainError) as taken:  # a new service's prefix counts from today
        save_service(office, None, {"code": "SKTM", "name": "SKTM", "prefix": "C"})
    assert taken.value.code == "prefix_in_use_today"
    clock.set(datetime(2026, 11, 24, 8, 0, tzinfo=MAKASSAR))
    assert issue_ticket(office, "KTP")["number"] == "D-001"
    assert issue_ticket(office, "AKTA")["number"] == "A-001"


def test_a_counter_losing_a_service_or_removed_hands_its_ticket_back(
        make_office: OfficeFactory, sqlite_url: str) -> None:
    office, _, publisher = make_office(sqlite_url, live=True)
    first = issue_ticket(office, "KTP")
    second = issue_ticket(office, "KK")
    set_counter_state(office, 1, "open", None)
    assert call_next(office, 1, None)["number"] == first["number"]  # type: ignore[index]
    save_counter(office, 1, {"services": ["KK"]})
    back = lookup_ticket(office, first["id"])
    assert (back["status"], back["counter"]) == ("waiting", None)
    set_counter_state(office, 2, "open", None)
    assert call_next(office, 2, None)["number"] == first["number"]  # type: ignore[index]
    assert call_next(office, 1, None)["number"] == second["number"]  # type: ignore[index]
    remove_counter(office, 1)
    assert lookup_ticket(office, second["id"])["status"] == "waiting"
    assert office.settings.counter(1) is None
    assert [c["number"] for c in queue_snapshot(office)["counters"]] == [2, 3]
    assert any(e.kind == "changed" and e.ticket and e.ticket["id"] == second["id"]
               for e in publisher.events)


def test_the_last_counter_cannot_be_removed_and_an_extra_one_can_be_opened(
        make_office: OfficeFactory, sqlite_url: str) -> None:
    office, _, _ = make_office(sqlite_url, live=True)
    remove_counter(office, 1)
    remove_counter(office, 2)
    with pytest.raises(DomainError) as raised:
        remove_counter(office, 3)
    assert "paling sedikit satu loket" in raised.value.message
    extra = open_extra_counter(office)
    assert extra == {"number": 1, "name": "Loket 1", "services": ["KTP", "KK", "AKTA"]}
    set_counter_state(office, 1, "open", None)
    issue_ticket(office, "KK")
    assert call_next(office, 1, None) is not None


def test_a_new_service_is_offered_at_once(make_office: OfficeFactory, sqlite_url: str) -> None:
    office, _, _ = make_office(sqlite_url, live=True)
    save_service(office, None, {"code": "SKTM", "name": "Surat Keterangan Tidak Mampu",
                                "prefix": "E", "daily_quota": 20})
    assert issue_ticket(office, "SKTM")["number"] == "E-001"
    with pytest.raises(DomainError) as raised:
        save_service(office, None, {"code": "KK", "name": "Lagi", "prefix": "F"})
    assert raised.value.message == "Kode: 'KK' dipakai dua kali"


def test_at_start_the_server_says_which_set_up_it_uses(make_office: OfficeFactory,
                                                       sqlite_url: str) -> None:
    office, _, _ = make_office(sqlite_url, live=True)
    save_service(office, "KK", {"daily_quota": 9})
    save_counter(office, None, {"number": 7, "services": ["KK"]})
    again, _, _ = make_office(sqlite_url)  # the same file, the same database
    message = make_live(again)
    assert message.startswith("set-up: ") and "differ" in message
    assert "services: KK" in message and "counters: 7 (only in database)" in message
    assert "using the DATABASE" in message
    assert again.settings.service("KK").daily_quota == 9  # type: ignore[union-attr]
    fresh, _, _ = make_office(sqlite_url.replace("antrean.sqlite3", "fresh.sqlite3"))
    assert make_live(fresh).startswith("set-up: new database")
    assert make_live(fresh).startswith("set-up: the database matches")
