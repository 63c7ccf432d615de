"""Every report figure of a known history, exactly, on SQLite and PostgreSQL.

The history (tests/support/history.py), office-local times on D = 2026-11-23:
  t1 KTP 07.50, called 08.10 at loket 2 (budi), no-show 08.20      wait 1200
  t2 KK  07.55, called 08.20 at loket 1 (siti), closed 08.45        wait 1500, service 1500
  t3 KTP lansia 08.00, called 08.00 (siti), 08.02-08.15             wait 0,    service 780
  t4 AKTA 09.00, cancelled 09.01
  t5 KTP 23.40, called 23.50 at loket 2 (budi), 23.52-00.10 (D+1)   wait 600,  service 1080
  t6 KTP D+1 00.05, called 00.20 (budi), transferred to AKTA, called 00.30 at loket 3 (siti),
     finished 00.40                                                  wait 900,  service 600
Targets: KTP 30 min, KK 20 min, AKTA none. In Asia/Jayapura 07.50 is 22.50 UTC the day
before, so a report that used UTC days or hours would fail here.
"""

from __future__ import annotations

import pytest

from antrean.usecases.reports.reports import stats
from tests.conftest import OfficeFactory
from tests.support.history import DAY, NEXT_DAY, play_history
from tests.support.report_oracle import within_10_s

ZONES = ["Asia/Jayapura", "Asia/Jakarta"]


def summary(count: int, mean: float | None, median: float | None, p90: float | None,
            top: float | None, total: int) -> dict[str, object]:
    """Exact figures, except median and p90: from 20 s histograms, within 10 s (docs)."""
    return {"count": count, "mean": mean, "median": within_10_s(median),
            "p90": within_10_s(p90), "max": top, "total": total}


NO_DURATIONS = summary(0, None, None, None, None, 0)


@pytest.fixture(params=ZONES)
def zone(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def test_figures_of_day_d_overall_and_per_service(make_office: OfficeFactory, database_url: str,
                                                  zone: str) -> None:
    office, clock, _ = make_office(database_url, timezone=zone)
    play_history(office, clock)
    report = stats(office, DAY, DAY)
    assert report["overall"] == {
        "issued": 5, "served": 3, "no_show": 1, "cancelled": 1, "transferred": 0,
        "cancelled_by_citizen": 0, "priority_confirmed": 0, "priority_removed": 0,
        # waits 0, 600, 1200, 1500: median between 600 and 1200; p90 at rank 2.7
        "waiting_seconds": summary(4, 825.0, 900.0, 1410.0, 1500.0, 3300),
        # services 780, 1080, 1500: p90 at rank 1.8 = 1080 + 0.8 x 420
        "service_seconds": summary(3, 1120.0, 1080.0, 1416.0, 1500.0, 3360),
        "within_target_share": 0.75,  # t2 waited 25 min for a 20 min target
    }
    ktp, kk, akta = report["services"]
    assert ktp["service"] == "KTP" and ktp["target_wait_minutes"] == 30
    assert (ktp["issued"], ktp["served"], ktp["no_show"]) == (3, 2, 1)
    assert ktp["waiting_seconds"] == summary(3, 600.0, 600.0, 1080.0, 1200.0, 1800)
    assert ktp["service_seconds"] == summary(2, 930.0, 930.0, 1050.0, 1080.0, 1860)
    assert ktp["within_target_share"] == 1.0
    assert kk["waiting_seconds"] == summary(1, 1500.0, 1500.0, 1500.0, 1500.0, 1500)
    assert kk["within_target_share"] == 0.0
    assert (akta["issued"], akta["cancelled"], akta["served"]) == (1, 1, 0)
    assert akta["waiting_seconds"] == NO_DURATIONS and akta["within_target_share"] is None


def test_days_and_hours_are_office_local(make_office: OfficeFactory, database_url: str,
                                         zone: str) -> None:
    office, clock, _ = make_office(database_url, timezone=zone)
    play_history(office, clock)
    report = stats(office, DAY, NEXT_DAY)
    assert [(d["day"], d["issued"], d["served"]) for d in report["days"]] == [
        (DAY.isoformat(), 5, 3), (NEXT_DAY.isoformat(), 1, 1)]
    hours = {h["hour"]: h for h in report["hours"] if h["issued"]}
    assert {h: row["issued"] for h, row in hours.items()} == {0: 1, 7: 2, 8: 1, 9: 1, 23: 1}
    assert hours[7]["waiting_seconds"] == summary(2, 1350.0, 1350.0, 1470.0, 1500.0, 2700)
    assert hours[7]["within_target_share"] == 0.5
    assert hours[23]["service_seconds"] == summary(1, 1080.0, 1080.0, 1080.0, 1080.0, 1080)
    assert len(report["hours"]) == 24
    assert report["overall"]["issued"] == 6 and report["overall"]["transferred"] == 1


def test_next_day_counts_the_transferred_ticket_under_its_first_service(
        make_office: OfficeFactory, database_url: str, zone: str) -> None:
    office, clock, _ = make_office(database_url, timezone=zone)
    play_history(office, clock)
    report = stats(office, NEXT_DAY, NEXT_DAY)
    ktp = report["services"][0]
    assert (ktp["issued"], ktp["served"], ktp["transferred"]) == (1, 1, 1)
    assert ktp["waiting_seconds"] == summary(1, 900.0, 900.0, 900.0, 900.0, 900)
    assert ktp["service_seconds"] == summary(1, 600.0, 600.0, 600.0, 600.0, 600)
    loket3 = report["counters"][2]
    assert (loket3["served"], loket3["open_seconds"], loket3["busy_seconds"],
            loket3["idle_seconds"]) == (1, 1800, 600, 1200)
    assert report["counters"][1]["open_seconds"] == 720 + 1800


def test_per_loket_per_petugas_and_per_priority(make_office: OfficeFactory, database_url: str,
                                                zone: str) -> None:
    office, clock, _ = make_office(database_url, timezone=zone)
    history = play_history(office, clock)
    report = stats(office, DAY, DAY)
    loket1, loket2, loket3 = report["counters"]
    assert (loket1["served"], loket1["no_show"]) == (2, 0)
    assert loket1["waiting_seconds"] == summary(2, 750.0, 750.0, 1350.0, 1500.0, 1500)
    assert (loket1["open_seconds"], loket1["busy_seconds"], loket1["idle_seconds"]) == (
        3600, 2280, 1320)
    assert (loket2["issued"], loket2["served"], loket2["no_show"]) == (2, 1, 1)
    # 08.10-12.00 and 23.50-24.00; t5's 1080 s of service count on its issue day
    assert (loket2["open_seconds"], loket2["busy_seconds"], loket2["idle_seconds"]) == (
        14400, 1080, 13320)
    assert (loket3["issued"], loket3["open_seconds"], loket3["idle_seconds"]) == (0, 0, 0)
    petugas = {p["name"]: p for p in report["petugas"]}
    assert set(petugas) == {"Siti", "Budi"}
    assert petugas["Siti"]["user_id"] == history.siti
    assert petugas["Siti"]["service_seconds"] == summary(2, 1140.0, 1140.0, 1428.0, 1500.0,
                                                         2280)
    assert (petugas["Budi"]["served"], petugas["Budi"]["no_show"]) == (1, 1)
    priorities = {p["priority"]: p for p in report["priorities"]}
    assert priorities["lansia"]["label"] == "Lanjut usia (60+)"
    assert priorities["lansia"]["waiting_seconds"] == summary(1, 0.0, 0.0, 0.0, 0.0, 0)
    assert priorities["reguler"]["issued"] == 4
    assert priorities["reguler"]["waiting_seconds"] == summary(3, 1100.0, 1200.0, 1440.0,
                                                               1500.0, 3300)
    assert priorities["ibu_hamil"]["issued"] == 0


def test_service_filter_keeps_one_service(make_office: OfficeFactory, database_url: str) -> None:
    office, clock, _ = make_office(database_url, timezone="Asia/Jayapura")
    play_history(office, clock)
    report = stats(office, DAY, DAY, service="KK")
    assert [s["service"] for s in report["services"]] == ["KK"]
    assert report["overall"]["issued"] == 1 and report["overall"]["within_target_share"] == 0.0
    assert report["counters"][0]["served"] == 1 and report["counters"][1]["served"] == 0


def test_sqlite_and_postgresql_give_the_same_report_to_the_digit(
        make_office: OfficeFactory, sqlite_url: str, postgres_url: str) -> None:
    reports = []
    for url in (sqlite_url, postgres_url):
        office, clock, _ = make_office(url, timezone="Asia/Jayapura")
        play_history(office, clock)
        reports.append(stats(office, DAY, NEXT_DAY))
    assert reports[0] == reports[1]
    # waits 0, 600, 900, 1200, 1500: rank 0.9 x 4 = 3.6, so 1200 + 0.6 x 300
    assert reports[0]["overall"]["waiting_seconds"]["p90"] == within_10_s(1380.0)
