"""GET /api/v1/ikm: staff only, the same figures as the admin page."""

from __future__ import annotations

from collections.abc import Callable

import requests

from tests.support.feedback import (
    WORKED_NRR,
    answer_by_form,
    served_ticket,
    worked_example_sheets,
)
from tests.support.live_server import PASSWORD, LiveServer

PROFILE = {"sex": "P", "age": "30", "education": "sma", "occupation": "swasta"}


def test_the_api_gives_the_worked_example_to_staff_only(
        start_server: Callable[..., LiveServer]) -> None:
    server = start_server()
    server.create_user("siti", PASSWORD, "petugas")
    staff = server.login("siti", PASSWORD)
    for sheet in worked_example_sheets():
        answer_by_form(server, served_ticket(server, staff), sheet, PROFILE).raise_for_status()
    url = f"{server.url}/api/v1/ikm"
    assert requests.get(url, timeout=10).status_code == 401
    report = requests.get(url, headers=staff, timeout=10).json()
    assert (report["ikm"], report["ikm_label"], report["grade"]) == (81.94, "81,94", "B")
    assert [e["nrr_label"] for e in report["elements"]] == WORKED_NRR
    assert report["responses"] == 10
    only_kk = requests.get(url, params={"service": "KK"}, headers=staff, timeout=10).json()
    assert only_kk["responses"] == 0 and only_kk["ikm"] is None
    unknown = requests.get(url, params={"service": "XYZ"}, headers=staff, timeout=10)
    assert unknown.status_code == 422 and unknown.json()["error"] == "unknown_service"
    bad_date = requests.get(url, params={"from": "kemarin"}, headers=staff, timeout=10)
    assert bad_date.json()["error"] == "invalid_date"
    # A petugas reads the API but the admin page is the admin's.
    web = server.web_session("siti", PASSWORD)
    assert web.get(f"{server.url}/admin/ikm", timeout=10).status_code == 403
