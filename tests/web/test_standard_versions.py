"""Service standards kept as versions: the kepala edits them in /admin without a restart,
every version is kept with who saved it and when, and /layanan publishes the newest."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from antrean.core.access import Role
from antrean.core.errors import DomainError
from antrean.core.service_standard import ServiceStandard, standard_from_form
from antrean.usecases.access.audit import recent_entries
from antrean.usecases.feedback.standard_versions import (
    current_standard,
    save_standard,
    standard_history,
)
from tests.support.app import AppUnderTest, csrf_from

AKTA_SK = ('sk_number = "800/17/KEC/2026"\nsk_date = 2026-01-05\n'
           'infrastructure = "Ruang tunggu ber-AC"')


def _form(page: str, **changes: str) -> dict[str, str]:
    return {"csrf_token": csrf_from(page), "base_version": "1", "sk_number": "",
            "sk_date": "", **changes}


def test_config_gives_version_one_with_its_sk(make_app) -> None:
    app = make_app(extra_service=AKTA_SK)
    current = current_standard(app.office, "AKTA")
    assert current.version == 1 and current.saved_by == "config.toml"
    assert current.standard.sk_number == "800/17/KEC/2026"
    assert current.standard.sk_date == date(2026, 1, 5)
    assert current.standard.infrastructure == "Ruang tunggu ber-AC"
    page = app.client().get("/layanan/AKTA").text
    assert "SK Nomor 800/17/KEC/2026 tanggal 5 Januari 2026" in page
    assert "versi 1" in page


def test_the_kepala_edits_a_standard_and_layanan_shows_it_at_once(
        app_under_test: AppUnderTest) -> None:
    app_under_test.add_user("kepala", Role.ADMIN)
    kepala = app_under_test.signed_in("kepala")
    page = kepala.get("/admin/standar/KTP").text
    response = kepala.post("/admin/standar/KTP", data=_form(
        page, requirements="Fotokopi KK\nSurat pengantar RT/RW", procedure="Ambil nomor\nRekam",
        time_to_complete="1 hari kerja", cost="Gratis", product="KTP-el",
        complaints="Kotak saran", sk_number="800/5/2026", sk_date="2026-02-02",
        competence="Operator bersertifikat SIAK", staff_count="3 orang"))
    assert response.status_code == 302
    public = app_under_test.client().get("/layanan/KTP").text
    assert "Surat pengantar RT/RW" in public
    assert "SK Nomor 800/5/2026 tanggal 2 Februari 2026" in public
    assert "Operator bersertifikat SIAK" not in public  # internal components stay internal
    listing = app_under_test.client().get("/layanan").text
    assert "SK Nomor 800/5/2026" in listing
    history = standard_history(app_under_test.office, "KTP")
    assert [v.version for v in history] == [2, 1]
    assert history[0].saved_by == "kepala" and history[1].saved_by == "config.toml"
    assert history[0].saved_at == app_under_test.clock()
    assert history[1].standard.requirements == ("Fotokopi Kartu Keluarga",)  # kept as it was
    assert history[0].standard.competence == "Operator bersertifikat SIAK"
    admin = kepala.get("/admin/standar/KTP").text
    assert "<td>kepala</td>" in admin and "<td>config.toml</td>" in admin
    entry = recent_entries(app_under_test.office)[0]
    assert (entry["action"], entry["target"]) == ("standard_changed", "KTP")


def test_an_edit_made_meanwhile_is_never_overwritten(app_under_test: AppUnderTest) -> None:
    office = app_under_test.office
    first = ServiceStandard(requirements=("A",), sk_number="1")
    assert save_standard(office, "KK", first, base_version=1, actor_id=None) == 2
    with pytest.raises(DomainError) as stale:
        save_standard(office, "KK", ServiceStandard(requirements=("B",)), base_version=1,
                      actor_id=None)
    assert stale.value.code == "standard_changed_meanwhile"
    assert current_standard(office, "KK").standard.requirements == ("A",)
    app_under_test.add_user("kepala", Role.ADMIN)
    kepala = app_under_test.signed_in("kepala")
    page = kepala.get("/admin/standar/KK").text.replace('name="base_version" value="2"',
                                                        'name="base_version" value="1"')
    response = kepala.post("/admin/standar/KK", data=_form(page, requirements="Tulisan saya"))
    assert response.status_code == 409
    assert "baru saja diubah oleh orang lain" in response.text
    assert "Tulisan saya" in response.text  # what the kepala typed is kept in the form


def test_a_bad_sk_date_is_refused_in_indonesian_and_nothing_is_lost(
        app_under_test: AppUnderTest) -> None:
    app_under_test.add_user("kepala", Role.ADMIN)
    kepala = app_under_test.signed_in("kepala")
    page = kepala.get("/admin/standar/KTP").text
    response = kepala.post("/admin/standar/KTP", data=_form(
        page, sk_date="5 Januari", product="KTP-el baru"))
    assert response.status_code == 422
    assert "Tanggal SK tidak valid" in response.text and "KTP-el baru" in response.text
    assert len(standard_history(app_under_test.office, "KTP")) == 1


def test_only_the_admin_edits_standards(app_under_test: AppUnderTest) -> None:
    app_under_test.add_user("siti", Role.PETUGAS)
    petugas = app_under_test.signed_in("siti")
    assert petugas.get("/admin/standar").status_code == 403
    assert app_under_test.client().get("/admin/standar/KTP").status_code in (302, 401)
    app_under_test.add_user("kepala", Role.ADMIN)
    assert app_under_test.signed_in("kepala").get("/admin/standar/NOPE").status_code == 404


def test_the_overview_names_what_a_standard_still_lacks(app_under_test: AppUnderTest) -> None:
    app_under_test.add_user("kepala", Role.ADMIN)
    page = app_under_test.signed_in("kepala").get("/admin/standar").text
    assert "Belum lengkap" in page and "Nomor dan tanggal SK penetapan" in page
    complete = standard_from_form({c: "x" for c in (
        "requirements", "procedure", "time_to_complete", "cost", "product", "complaints",
        "legal_basis", "infrastructure", "competence", "internal_supervision", "staff_count",
        "service_guarantee", "safety_guarantee", "performance_evaluation", "sk_number")}
        | {"sk_date": (date(2026, 1, 1) + timedelta(days=3)).isoformat()})
    assert complete.missing() == ()


def test_a_standard_survives_a_round_trip_through_json() -> None:
    standard = ServiceStandard(requirements=("a", "b"), cost="Gratis", sk_date=date(2026, 3, 1))
    assert ServiceStandard.from_json(standard.to_json()) == standard
    assert ServiceStandard.from_json({**standard.to_json(), "gone": "x"}) == standard


def test_versions_and_published_surveys_work_on_every_database(make_app,  # type: ignore[no-untyped-def]
                                                               database_url: str) -> None:
    from antrean.core.survey_period import parse_period
    from antrean.usecases.feedback.public_notices import current_facilities, save_facilities
    from antrean.usecases.reports.skm_publication import (
        period_results,
        publish_period,
        save_follow_up,
    )

    app = make_app(database_url=database_url)
    office = app.office
    assert save_standard(office, "KTP", ServiceStandard(cost="Gratis"), 1, None) == 2
    assert save_standard(office, "KTP", ServiceStandard(cost="Rp0"), 2, None) == 3
    assert [v.version for v in standard_history(office, "KTP")] == [3, 2, 1]
    save_facilities(office, "Ramp\nKursi roda", 1, None)
    assert current_facilities(office) == ("Ramp", "Kursi roda")
    publish_period(office, "2026-T3", None)
    save_follow_up(office, "2026-T3", "U3", "Tambah petugas", "rencana", None)
    save_follow_up(office, "2026-T3", "U3", "Tambah dua petugas", "selesai", None)
    [plan] = period_results(office, parse_period("2026-T3")).follow_ups
    assert (plan.plan, plan.status_label) == ("Tambah dua petugas", "Selesai")
