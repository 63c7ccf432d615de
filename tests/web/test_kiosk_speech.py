"""What the kiosk reads aloud comes from the server: the menu's phrases and service names, and
an issued ticket's number and the people ahead."""

from __future__ import annotations

import json
import re

from antrean.core.access import Role
from tests.support.app import AppUnderTest


def test_the_kiosk_reads_its_ticket_and_menu(app_under_test: AppUnderTest) -> None:
    api = app_under_test.client()
    api.post("/api/v1/tickets", json={"service": "KK"})
    ticket = api.post("/api/v1/tickets", json={"service": "KK"}).get_json()
    speech = api.get(f"/kiosk/speech/{ticket['id']}").get_json()
    assert speech == {"text": "Nomor antrean Anda, B, dua. Antrean sebelum Anda, satu orang.",
                      "clips": ["kios-nomor-anda", "huruf-b", "dua", "kios-sebelum-anda",
                                "satu", "kios-orang"]}
    missing = api.get("/kiosk/speech/tidak-ada")
    assert missing.status_code == 404 and "Tiket tidak ditemukan." in missing.text
    page = app_under_test.paired(Role.KIOSK).get("/kiosk/").text
    menu = json.loads(re.search(r'id="kiosk-data">(.*?)</script>', page, re.S).group(1))
    assert menu["speech"]["services"]["AKTA"]["open"] == {"text": "Akta Kelahiran",
                                                          "clips": ["layanan-akta"]}
    assert menu["speech"]["intro"]["clips"] == ["kios-sambutan", "kios-cara"]
