"""examples/mpp.toml, the Mal Pelayanan Publik an installer starts from, loads as it is."""

from antrean.config import load_settings
from tests.support.mpp import EXAMPLE


def test_the_example_mpp_loads_with_twelve_agencies_on_two_floors() -> None:
    settings = load_settings(EXAMPLE)
    assert settings.has_agencies and len(settings.agencies) == 12
    assert {"Disdukcapil", "Samsat", "BPJS Kesehatan", "BPJS Ketenagakerjaan", "Imigrasi",
            "ATR/BPN", "Bapenda", "Kejaksaan", "Pengadilan Agama", "Bank Kalsel",
            "PDAM"} <= {a.short_name for a in settings.agencies}
    assert all(settings.services_of(a.code) for a in settings.agencies)  # none left empty
    assert all(settings.counters_of(a.code) for a in settings.agencies)
    assert len({s.prefix for s in settings.services}) == len(settings.services)
    assert settings.office.counter_word == "gerai"
    assert settings.counter_voice(2).display == "Gerai 2 Disdukcapil"
    assert [z.name for z in settings.zones] == ["Lantai 1", "Lantai 2"]
    every = set().union(*(z.counters for z in settings.zones))
    assert every == {c.number for c in settings.counters}  # each gerai on one floor
    assert not settings.zones[0].counters & settings.zones[1].counters
