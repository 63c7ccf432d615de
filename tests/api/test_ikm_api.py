"""GET /api/v1/ikm: staff only, the same figures as the admin page."""

from __future__ import annotations

from antrean.core.access import Role
from tests.support.app import AppUnderTest
from tests.support.feedback import WORKED_NRR, answer_by_form, worked_example_sheets

PROFILE = {"sex": "P", "age": "30", "education": "sma", "occupation": "swasta"}


def test_the_api_gives_the_worked_example_to_staff_only(app_under_test: AppUnderTest) -> None:
    office = app_under_test
    office.add_user("siti", Role.PETUGAS)
    staff = office.bearer("siti")
    for sheet in worked_example_sheets():
        answered = answer_by_form(office.client(), office.served_ticket(staff), sheet, PROFILE)
        assert answered.status_code == 200, answered.text
    api = office.client()
    assert api.get("/api/v1/ikm").status_code == 401
    report = api.get("/api/v1/ikm", headers=staff).get_json()
    assert (report["ikm"], report["ikm_label"], report["grade"]) == (81.94, "81,94", "B")
    assert [e["nrr_label"] for e in report["elements"]] == WORKED_NRR
    assert report["responses"] == 10
    only_kk = api.get("/api/v1/ikm", query_string={"service": "KK"}, headers=staff).get_json()
    assert only_kk["responses"] == 0 and only_kk["ikm"] is None
    unknown = api.get("/api/v1/ikm", query_string={"service": "XYZ"}, headers=staff)
    assert unknown.status_code == 422 and unknown.get_json()["error"] == "unknown_service"
    bad_date = api.get("/api/v1/ikm", query_string={"from": "kemarin"}, headers=staff)
    assert bad_date.get_json()["error"] == "invalid_date"
    # A petugas reads the API but the admin page is the admin's.
    assert office.signed_in("siti").get("/admin/ikm").status_code == 403
