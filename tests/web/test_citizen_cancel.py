"""A citizen gives up their own number from the tracking page ("Batalkan nomor")."""

from __future__ import annotations

from antrean.usecases.reports.reports import stats
from tests.support.app import AppUnderTest, csrf_from


def test_a_citizen_cancels_their_number_after_confirming(
        app_under_test: AppUnderTest) -> None:
    office = app_under_test
    api = office.client()
    mine = api.post("/api/v1/tickets", json={"service": "KTP"}).get_json()
    behind = api.post("/api/v1/tickets", json={"service": "KTP"}).get_json()
    phone = office.client()
    page = phone.get(f"/t/{mine['id']}").text
    assert f'href="/t/{mine["id"]}/batal"' in page and "Batalkan nomor" in page
    confirm = phone.get(f"/t/{mine['id']}/batal")
    assert confirm.status_code == 200 and "Ya, batalkan nomor" in confirm.text
    # Asking is not cancelling.
    assert api.get(f"/api/v1/tickets/{mine['id']}").get_json()["status"] == "waiting"
    done = phone.post(f"/t/{mine['id']}/batal", data={"csrf_token": csrf_from(confirm.text)})
    assert done.status_code == 303 and done.headers["Location"].endswith(f"/t/{mine['id']}")
    assert api.get(f"/api/v1/tickets/{mine['id']}").get_json()["status"] == "cancelled"
    assert api.get(f"/api/v1/tickets/{behind['id']}").get_json()["ahead"] == 0
    day = office.office.clock.local_day(office.office.now())
    overall = stats(office.office, day, day)["overall"]
    assert (overall["cancelled"], overall["cancelled_by_citizen"]) == (1, 1)


def test_a_petugas_cancel_is_not_counted_as_the_citizens(app_under_test: AppUnderTest) -> None:
    office = app_under_test
    office.add_user("petugas1")
    api = office.client()
    ticket = api.post("/api/v1/tickets", json={"service": "KTP"}).get_json()
    response = api.post(f"/api/v1/tickets/{ticket['id']}/cancel",
                        headers=office.bearer("petugas1"))
    assert response.status_code == 200
    day = office.office.clock.local_day(office.office.now())
    overall = stats(office.office, day, day)["overall"]
    assert (overall["cancelled"], overall["cancelled_by_citizen"]) == (1, 0)


def test_a_called_number_can_no_longer_be_cancelled_by_the_citizen(
        app_under_test: AppUnderTest) -> None:
    office = app_under_test
    office.add_user("petugas1")
    api = office.client()
    ticket = api.post("/api/v1/tickets", json={"service": "KTP"}).get_json()
    phone = office.client()
    token = csrf_from(phone.get(f"/t/{ticket['id']}/batal").text)
    api.post("/api/v1/counters/1/call-next", headers=office.bearer("petugas1"))
    refused = phone.post(f"/t/{ticket['id']}/batal", data={"csrf_token": token})
    assert refused.status_code == 409
    assert "tidak dapat dibatalkan lagi" in refused.text
    assert api.get(f"/api/v1/tickets/{ticket['id']}").get_json()["status"] == "called"
    assert 'id="t-cancel" href' in phone.get(f"/t/{ticket['id']}").text  # present, but hidden
    assert " hidden>Batalkan nomor" in phone.get(f"/t/{ticket['id']}").text


def test_cancelling_needs_the_form_token_and_an_existing_ticket(
        app_under_test: AppUnderTest) -> None:
    api = app_under_test.client()
    ticket = api.post("/api/v1/tickets", json={"service": "KTP"}).get_json()
    assert app_under_test.client().post(f"/t/{ticket['id']}/batal").status_code == 403
    phone = app_under_test.client()
    token = csrf_from(phone.get(f"/t/{ticket['id']}/batal").text)
    assert phone.post("/t/TIDAKADA/batal", data={"csrf_token": token}).status_code == 404
    assert api.get(f"/api/v1/tickets/{ticket['id']}").get_json()["status"] == "waiting"
