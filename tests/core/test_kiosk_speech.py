"""What the kiosk reads aloud: the text for a speech voice and the clips, which agree."""

from __future__ import annotations

from antrean.core.kiosk_speech import (
    kiosk_vocabulary,
    phrase,
    priority_speech,
    service_speech,
    ticket_speech,
)
from antrean.core.ticket import Priority


def test_a_ticket_is_read_with_its_number_and_the_people_ahead() -> None:
    speech = ticket_speech("A-012", 5)
    assert speech.text == ("Nomor antrean Anda, A, dua belas. Antrean sebelum Anda, "
                           "lima orang.")
    assert speech.clips == ("kios-nomor-anda", "huruf-a", "dua-belas", "kios-sebelum-anda",
                            "lima", "kios-orang")
    nobody = ticket_speech("AB-1234", 0, reading="digits")
    assert nobody.text.endswith("Antrean sebelum Anda, tidak ada.")
    assert nobody.clips[1:7] == ("huruf-a", "huruf-b", "satu", "dua", "tiga", "empat")


def test_services_priorities_and_phrases_have_clips_in_the_vocabulary() -> None:
    vocabulary = kiosk_vocabulary([("KTP", "KTP-el"), ("surat_ket", "Surat Keterangan")])
    closed = service_speech("surat_ket", "Surat Keterangan", is_open=False)
    assert closed.text == "Surat Keterangan, sedang tutup"
    assert closed.clips == ("layanan-surat-ket", "kios-layanan-tutup")
    assert vocabulary["layanan-surat-ket"] == "Surat Keterangan"
    lansia = priority_speech(Priority.LANSIA)
    assert lansia.text == "Lanjut usia, enam puluh tahun ke atas"  # never "60+" to a voice
    for speech in (closed, lansia, phrase("kios-sambutan", "kios-cara")):
        assert all(clip in vocabulary for clip in speech.clips)


def test_an_mpp_kiosk_says_each_agencys_short_name_with_its_own_clip() -> None:
    from antrean.core.kiosk_speech import agency_speech

    assert agency_speech("bpjs_kes", "BPJS Kesehatan").as_dict() == {
        "text": "BPJS Kesehatan", "clips": ["instansi-bpjs-kes"]}
    vocabulary = kiosk_vocabulary([("KTP", "KTP-el")], [("bpjs_kes", "BPJS Kesehatan")])
    assert vocabulary["instansi-bpjs-kes"] == "BPJS Kesehatan"
    assert vocabulary["kios-pilih-instansi"] == "Pilih instansi yang Anda tuju."
