"""Agencies (instansi) of a Mal Pelayanan Publik edited live: seeded from the file, checked by
the config's rules, removable only once they have no services."""

import json

import pytest
from sqlalchemy import delete, select

from antrean.config import IMPLICIT_AGENCY
from antrean.core.errors import DomainError
from antrean.db.audit_models import AuditEntry
from antrean.db.models import Setting
from antrean.db.setup_agency_models import SetupAgency
from antrean.db.setup_store import AGENCIES_SEEDED_KEY
from antrean.usecases.context import Office
from antrean.usecases.setup.agencies import remove_agency, save_agency
from antrean.usecases.setup.editing import save_counter, save_service
from antrean.usecases.setup.start import make_live
from tests.conftest import OfficeFactory
from tests.support.mpp import mpp_office  # noqa: F401  (a fixture)


def test_the_files_agencies_seed_the_database_and_an_edit_is_used_at_once(
        mpp_office: Office) -> None:  # noqa: F811
    office = mpp_office
    assert len(office.settings.agencies) == 12 and office.settings.has_agencies
    save_agency(office, "dukcapil", {"short_name": "Dukcapil", "logo": "dukcapil-2026.png"})
    agency = office.settings.agency("dukcapil")
    assert agency is not None and (agency.short_name, agency.logo) == \
        ("Dukcapil", "dukcapil-2026.png")
    assert agency.name == "Dinas Kependudukan dan Pencatatan Sipil"  # the rest stays
    setup = [e for e in office.publisher.events if e.kind == "setup"]  # type: ignore[attr-defined]
    assert "dukcapil" in setup[-1].extra["agencies"]
    with office.sessions() as session:
        entry = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert entry is not None and (entry.action, entry.target) == ("agency_changed", "dukcapil")
    assert json.loads(entry.detail)["before"]["short_name"] == "Disdukcapil"


def test_an_agency_with_services_cannot_be_removed_and_an_empty_one_can(
        mpp_office: Office) -> None:  # noqa: F811
    office = mpp_office
    with pytest.raises(DomainError) as refused:
        remove_agency(office, "pdam")
    assert refused.value.code == "agency_has_services"
    assert refused.value.message == (
        "Instansi PDAM masih memiliki 2 layanan (Pasang Baru Sambungan Air, Pengaduan dan "
        "Pembayaran Rekening Air). Pindahkan layanan tersebut ke instansi lain dulu, lalu "
        "hapus instansinya.")
    save_agency(office, None, {"code": "polres", "name": "Polres Banjar (SIM)",
                               "short_name": "Satpas SIM"})
    assert office.settings.agency("polres") is not None
    remove_agency(office, "polres")
    assert office.settings.agency("polres") is None and len(office.settings.agencies) == 12
    with pytest.raises(DomainError) as unknown:
        remove_agency(office, "polres")
    assert unknown.value.code == "unknown_agency"


def test_a_bad_agency_gets_the_configs_message_and_changes_nothing(
        mpp_office: Office) -> None:  # noqa: F811
    office = mpp_office
    cases = [
        ({"code": "polres lama", "name": "Polres"}, "Kode: hanya huruf, angka, '-' atau '_'"),
        ({"code": "polres", "name": "Polres", "short_name": "Samsat"},
         "Nama singkat: 'Samsat' dipakai dua kali"),
        ({"code": "samsat", "name": "Samsat Kedua"}, "Kode: 'samsat' dipakai dua kali"),
        ({"code": "polres", "name": "Polres", "logo": "../rahasia.png"},
         "Logo: nama berkas gambar saja, mis. 'dukcapil.png'"),
        ({"code": "polres"}, "Nama: wajib diisi"),
    ]
    for changes, message in cases:
        with pytest.raises(DomainError) as raised:
            save_agency(office, None, changes)
        assert raised.value.message == message, changes
    with pytest.raises(DomainError) as fixed:
        save_agency(office, "samsat", {"code": "samsat2"})
    assert fixed.value.code == "code_fixed"
    assert len(office.settings.agencies) == 12


def test_a_single_office_becomes_an_mpp_by_adding_agencies(
        make_office: OfficeFactory, postgres_url: str) -> None:
    office, _, _ = make_office(postgres_url, live=True)
    assert not office.settings.has_agencies
    save_agency(office, None, {"code": "kecamatan", "name": "Kecamatan Martapura"})
    assert office.settings.has_agencies
    assert {s.agency for s in office.settings.services} == {"kecamatan"}
    # The second agency: the services of the first now name it, so the set-up stays valid.
    save_agency(office, None, {"code": "dukcapil", "name": "Disdukcapil"})
    assert {s.agency for s in office.settings.services} == {"kecamatan"}
    with pytest.raises(DomainError) as mixed:  # loket 1 serves KTP and KK
        save_service(office, "KTP", {"agency": "dukcapil"})
    assert "tidak boleh di satu loket" in mixed.value.message
    save_counter(office, 2, {"services": ["KTP", "KK"]})  # now only loket 3 serves AKTA
    save_service(office, "AKTA", {"agency": "dukcapil"})
    assert [s.code for s in office.settings.services_of("dukcapil")] == ["AKTA"]
    assert office.settings.counter(3).agency == "dukcapil"  # type: ignore[union-attr]


def test_a_database_made_before_live_agencies_takes_the_files_agencies_once(
        mpp_office: Office) -> None:  # noqa: F811
    office = mpp_office
    with office.transaction() as session:  # as a database of the version before
        session.execute(delete(SetupAgency))
        session.execute(delete(Setting).where(Setting.key == AGENCIES_SEEDED_KEY))
    make_live(office)
    assert [a.code for a in office.settings.agencies][:2] == ["dukcapil", "samsat"]
    save_agency(office, None, {"code": "polres", "name": "Polres"})
    make_live(office)  # a restart does not seed again: the database's set-up is used
    assert office.settings.agency("polres") is not None
    assert IMPLICIT_AGENCY not in {a.code for a in office.settings.agencies}
