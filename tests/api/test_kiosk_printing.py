"""Kiosk tickets printed on a real TCP "printer": committed first, never lost, reprintable.

The app runs in-process (Flask and Socket.IO test clients); the printer is a real socket on
127.0.0.1. How long any of this takes is measured in bench/kiosk_printing.py, not here.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient

from kiosk.qr import qr_svg
from tests.support.app import AppFactory, AppUnderTest, events_named
from tests.support.configs import write_config
from tests.support.escpos_decoder import decode
from tests.support.fake_printers import PrinterAtPort, printer_at, printer_config, wait_until
from tests.support.live_server import free_port


@pytest.fixture
def printer_port() -> int:
    return free_port()


PUBLIC_URL = "https://antrean.example.go.id"


@pytest.fixture
def app(make_app: AppFactory, printer_port: int) -> AppUnderTest:
    return with_petugas(make_app(extra_tables=printer_config(printer_port),
                                 server_extra=f'public_url = "{PUBLIC_URL}"'))


def with_petugas(app: AppUnderTest) -> AppUnderTest:
    app.add_user("petugas1")
    return app


def issue_at_kiosk(client: FlaskClient) -> dict[str, Any]:
    response = client.post("/api/v1/tickets", json={"service": "KTP", "channel": "kiosk"})
    assert response.status_code == 201, response.get_data(as_text=True)
    body: dict[str, Any] = response.get_json()
    return body


def print_jobs(app: AppUnderTest, client: FlaskClient,
               failed: bool = False) -> list[dict[str, Any]]:
    response = client.get("/api/v1/print-jobs" + ("?status=failed" if failed else ""),
                          headers=app.bearer("petugas1"))
    jobs: list[dict[str, Any]] = response.get_json()
    return jobs


def status_of(client: FlaskClient, ticket: dict[str, Any]) -> str:
    return str(client.get(f"/kiosk/print-status/{ticket['id']}").get_json()
               ["print_status"]["status"])


def text_lines(job: bytes) -> list[str]:
    return [line.text for line in decode(job) if line.kind == "text"]


def test_a_kiosk_ticket_is_printed_with_its_number_and_qr(app: AppUnderTest,
                                                          printer_port: int) -> None:
    client = app.paired("kiosk")
    with printer_at(printer_port) as printer:
        ticket = issue_at_kiosk(client)
        assert ticket["print_status"]["status"] == "pending"
        job = printer.wait_for_jobs(1)[0]
        wait_until(lambda: status_of(client, ticket) == "printed")
    lines = decode(job)
    texts = [line.text.strip() for line in lines if line.kind == "text"]
    assert "A-001" in texts and "Kecamatan Uji Coba" in texts
    qr = [line.text for line in lines if line.kind == "qr"]
    assert qr == [f"{PUBLIC_URL}/t/{ticket['id']}"]
    assert lines[-1].kind in ("cut", "status")


def test_online_tickets_are_not_printed(app: AppUnderTest, printer_port: int) -> None:
    client = app.paired("kiosk")
    with printer_at(printer_port) as printer:
        online = client.post("/api/v1/tickets", json={"service": "KTP"}).get_json()
        assert "print_status" not in online
        kiosk = issue_at_kiosk(client)
        printer.wait_for_jobs(1)
        wait_until(lambda: status_of(client, kiosk) == "printed")
    # Jobs are queued with the ticket, in its transaction: the online one has none at all.
    assert [job["number"] for job in print_jobs(app, client)] == [kiosk["number"]] == ["A-002"]
    assert [text for text in map(str.strip, text_lines(printer.jobs[0])) if "A-00" in text] == \
        ["A-002"]
    assert len(printer.jobs) == 1


def test_a_dead_printer_loses_no_ticket_and_the_kiosk_is_told(app: AppUnderTest) -> None:
    client = app.paired("kiosk")
    kiosk_screen = app.socket(auth={"token": app.add_device("kiosk")})
    assert kiosk_screen.is_connected("/display")
    ticket = issue_at_kiosk(client)  # nothing listens on the printer port: refused
    statuses: list[dict[str, Any]] = []
    wait_until(lambda: statuses.extend(events_named(kiosk_screen, "print_status")) or statuses)
    status = statuses[0]
    assert status["job"] == ticket["print_status"]["job"] and status["status"] == "failed"
    assert "Printer bermasalah" in status["message"]
    failed = print_jobs(app, client, failed=True)
    assert [job["number"] for job in failed] == ["A-001"]
    assert "menolak sambungan" in failed[0]["error"]
    # The ticket stands, in the queue, exactly once.
    services = client.get("/api/v1/services").get_json()
    assert next(s for s in services if s["code"] == "KTP")["waiting"] == 1


def test_a_failed_ticket_can_be_reprinted_from_the_console(app: AppUnderTest,
                                                           printer_port: int) -> None:
    client = app.paired("kiosk")
    ticket = issue_at_kiosk(client)
    wait_until(lambda: status_of(client, ticket) != "pending")
    first = print_jobs(app, client)
    assert [(job["number"], job["status"]) for job in first] == [("A-001", "failed")]
    assert status_of(client, ticket) == "failed"
    with printer_at(printer_port) as printer:
        response = client.post(f"/api/v1/tickets/{ticket['id']}/reprint",
                               headers=app.bearer("petugas1"))
        assert response.status_code == 202
        job = printer.wait_for_jobs(1)[0]
        wait_until(lambda: status_of(client, ticket) == "printed")
    assert "A-001" in [t.strip() for t in text_lines(job)]
    assert app.client().post(f"/api/v1/tickets/{ticket['id']}/reprint").status_code == 401


def test_a_printer_that_holds_the_job_never_holds_up_the_kiosks_answer(
        make_app: AppFactory, printer_port: int) -> None:
    """Printing runs after the answer: with the printer sitting on the first job (for up to
    its 30 s timeout), three kiosks are answered, and their jobs print once it lets go."""
    app = make_app(extra_tables=printer_config(printer_port, timeout_seconds=30))
    client = app.paired("kiosk")
    tickets: list[dict[str, Any]] = []
    with printer_at(printer_port, hold=True) as printer:
        kiosks = threading.Thread(target=lambda: tickets.extend(
            issue_at_kiosk(client) for _ in range(3)), daemon=True)
        kiosks.start()
        kiosks.join(timeout=15)  # a guard against a hang, far below the printer's 30 s
        assert not kiosks.is_alive(), "the kiosk waited for the printer"
        assert [t["number"] for t in tickets] == ["A-001", "A-002", "A-003"]
        assert printer.holding.wait(10), "the first job never reached the printer"
        assert printer.jobs == [] and not printer.released.is_set()
        assert [status_of(client, t) for t in tickets] == ["pending"] * 3
        printer.released.set()
        printer.wait_for_jobs(3)
        wait_until(lambda: all(status_of(client, t) == "printed" for t in tickets))
    printed = [[t.strip() for t in text_lines(job)] for job in printer.jobs]
    assert [next(n for n in lines if n.startswith("A-")) for lines in printed] == \
        ["A-001", "A-002", "A-003"]


def test_the_printed_ticket_carries_the_office_address(make_app: AppFactory, tmp_path: Path,
                                                       printer_port: int) -> None:
    address = "Jl. Menteri Empat No. 1, Martapura, Kabupaten Banjar"
    # Written before the office first starts: from then on its database holds the set-up.
    config = write_config(tmp_path, extra_tables=printer_config(printer_port))
    config.write_text(config.read_text(encoding="utf-8").replace(
        'name = "Kecamatan Uji Coba"', f'name = "Kecamatan Uji Coba"\naddress = "{address}"'),
        encoding="utf-8")
    app = make_app(config_dir=tmp_path)
    with printer_at(printer_port) as printer:
        issue_at_kiosk(app.paired("kiosk"))
        job = printer.wait_for_jobs(1)[0]
    lines = [line for line in decode(job) if line.kind == "text"]
    texts = [line.text.strip() for line in lines]
    name_at = texts.index("Kecamatan Uji Coba")
    rule_at = next(i for i, text in enumerate(texts) if text and set(text) == {"-"})
    # Under the name and above the rule, wrapped to the 32-column paper, not bold.
    assert " ".join(texts[name_at + 1:rule_at]) == address
    assert all(not line.style.bold and len(line.text) <= 32 for line in lines[name_at + 1:rule_at])


def test_the_printed_ticket_names_the_counters_as_the_voice_calls_them(
        make_app: AppFactory, tmp_path: Path, printer_port: int) -> None:
    # Written before the office first starts: from then on its database holds the set-up.
    config = write_config(tmp_path, extra_tables=printer_config(printer_port))
    config.write_text(config.read_text(encoding="utf-8").replace(
        'name = "Loket 2"', 'name = "Loket Prioritas"'), encoding="utf-8")
    app = make_app(config_dir=tmp_path)
    with printer_at(printer_port) as printer:
        issue_at_kiosk(app.paired("kiosk"))
        job = printer.wait_for_jobs(1)[0]
    printed = " ".join(text.strip() for text in text_lines(job))
    assert "Dipanggil ke Loket 1, Loket Prioritas" in printed


def test_an_anonymous_request_never_prints_and_a_paired_kiosk_does(app: AppUnderTest,
                                                                   printer_port: int) -> None:
    anonymous = app.client()
    with printer_at(printer_port) as printer:
        stranger = anonymous.post("/api/v1/tickets", json={"service": "KTP", "channel": "kiosk"})
        assert stranger.status_code == 201 and "print_status" not in stranger.get_json()
        kiosk = issue_at_kiosk(app.paired("kiosk"))
        printer.wait_for_jobs(1)
        wait_until(lambda: status_of(anonymous, kiosk) == "printed")
    assert [job["number"] for job in print_jobs(app, anonymous)] == ["A-002"]
    assert len(printer.jobs) == 1 and "A-002" in map(str.strip, text_lines(printer.jobs[0]))


def printed_qr(printer: PrinterAtPort, count: int) -> list[str]:
    return [line.text for line in decode(printer.wait_for_jobs(count)[-1]) if line.kind == "qr"]


@pytest.mark.parametrize("configured", ["", PUBLIC_URL])
def test_the_qr_host_never_comes_from_the_host_header(make_app: AppFactory, printer_port: int,
                                                      configured: str) -> None:
    """[server] public_url first, else the kiosk device's own address, else no QR code: a
    forged Host header never reaches the paper or the kiosk's screen."""
    app = with_petugas(make_app(extra_tables=printer_config(printer_port),
                                server_extra=f'public_url = "{configured}"'))
    evil = {"Host": "evil.example"}
    app.add_user("kepala", "admin")
    made = app.client().post("/api/v1/devices", headers={**evil, **app.bearer("kepala")}, json={
        "name": "Kios Lobi", "role": "kiosk", "public_url": "http://192.168.1.10:5000/"}).get_json()
    assert made["pair_url"].startswith("http://evil.example/")  # the header is really forged
    plain = {**evil, "Authorization": f"Bearer {app.add_device('kiosk')}"}
    own = {**evil, "Authorization": f"Bearer {made['token']}"}
    client = app.client()
    with printer_at(printer_port) as printer:
        for count, kiosk in enumerate((plain, own), start=1):
            ticket = client.post("/api/v1/tickets", headers=kiosk,
                                 json={"service": "KTP", "channel": "kiosk"}).get_json()
            expected = f"{configured or 'http://192.168.1.10:5000'}/t/{ticket['id']}"
            if kiosk is plain and not configured:
                assert printed_qr(printer, count) == []  # no address set: no QR, still printed
                assert client.get(f"/kiosk/qr/{ticket['id']}.svg", headers=kiosk).status_code \
                    == 404
                assert '"tracking_qr": false' in client.get("/kiosk/", headers=kiosk).text
                continue
            assert printed_qr(printer, count) == [expected]
            assert client.get(f"/kiosk/qr/{ticket['id']}.svg", headers=kiosk).text == \
                qr_svg(expected)
            staff = {**evil, **app.bearer("petugas1")}
            assert client.post(f"/api/v1/tickets/{ticket['id']}/reprint", headers=staff) \
                .status_code == 202
            reprinted = printed_qr(printer, count + 1)
            assert reprinted == ([expected] if configured else [])  # staff have no device
            break
    assert len(printer.jobs) == (2 if configured else 3)
    assert all(b"evil.example" not in job for job in printer.jobs)


def test_a_kiosk_address_must_be_an_http_url(app: AppUnderTest) -> None:
    admin = app.add_user("kepala", "admin") and app.bearer("kepala")
    for bad in ("evil.example", "javascript:alert(1)", "http://x/ y", "http://x/?a=1", 5):
        answer = app.client().post("/api/v1/devices", headers=admin, json={
            "name": "Kios", "role": "kiosk", "public_url": bad})
        assert answer.status_code == 422 and answer.get_json()["error"] == "invalid_public_url"
    made = app.client().post("/api/v1/devices", headers=admin, json={
        "name": "Kios", "role": "kiosk", "public_url": "http://10.0.0.5:5000/"})
    assert made.status_code == 201 and made.get_json()["public_url"] == "http://10.0.0.5:5000"
