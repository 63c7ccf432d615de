"""A period with nobody called (or nobody at all) reports zeros, never a 500, on both databases.

Issue 11 found /api/v1/stats, /laporan and the downloads failing on PostgreSQL when no ticket
of the period or service had been called.
"""

from __future__ import annotations

from typing import Any

from antrean.usecases.queue.issuing import issue_ticket
from tests.support.app import AppFactory

PERIODS = [
    "from=2026-11-01&to=2026-11-01",  # no ticket at all
    "from=2026-11-23&to=2026-11-23",  # tickets issued, none called
    "from=2026-11-23&to=2026-11-23&service=AKTA",  # no ticket of the service
    "from=2026-10-01&to=2026-11-30",  # whole months, one rolled up
]


def reports_of_an_office_where_nobody_was_called(make_app: AppFactory,
                                                  database_url: str) -> list[Any]:
    under_test = make_app(database_url=database_url)
    under_test.add_user("kepala", "admin")
    browser = under_test.signed_in("kepala")
    issue_ticket(under_test.office, "KTP")
    issue_ticket(under_test.office, "KK")
    answers = []
    for period in PERIODS:
        for path in ("/laporan", "/laporan/unduh.csv", "/laporan/unduh.xlsx"):
            response = browser.get(f"{path}?{period}")
            assert response.status_code == 200, (path, period, response.text[:300])
        api = browser.get(f"/api/v1/stats?{period}")
        assert api.status_code == 200, (period, api.text[:300])
        answers.append(api.get_json())
    return answers


def test_empty_periods_report_zeros_on_sqlite_and_postgresql_alike(
        make_app: AppFactory, sqlite_url: str, postgres_url: str) -> None:
    on_sqlite = reports_of_an_office_where_nobody_was_called(make_app, sqlite_url)
    on_postgres = reports_of_an_office_where_nobody_was_called(make_app, postgres_url)
    assert on_sqlite == on_postgres
    nobody, not_called, no_akta, months = on_sqlite
    assert nobody["overall"]["issued"] == 0 and nobody["overall"]["within_target_share"] is None
    assert not_called["overall"]["issued"] == 2
    assert not_called["overall"]["waiting_seconds"] == {
        "count": 0, "mean": None, "median": None, "p90": None, "max": None, "total": 0}
    assert no_akta["services"][0]["issued"] == 0 and no_akta["counters"][2]["open_seconds"] == 0
    assert months["overall"] == not_called["overall"]
