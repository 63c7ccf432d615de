from pathlib import Path

import pytest

from antrean.config import ConfigError, load_settings, parse_settings

REPO_ROOT = Path(__file__).resolve().parents[2]

MINIMAL = {
    "office": {"name": "Kantor", "timezone": "Asia/Jakarta"},
    "services": [{"code": "KTP", "name": "KTP-el", "prefix": "A"}],
    "counters": [{"number": 1, "services": ["KTP"]}],
}


def test_the_demo_config_loads() -> None:
    settings = load_settings(REPO_ROOT / "config.toml")
    assert settings.office.timezone == "Asia/Makassar"
    assert len(settings.services) >= 4
    assert settings.server.async_mode == "eventlet"
    legal = settings.service("LEGAL")
    assert legal is not None and legal.issuing_hours.by_weekday[6] is None


def _with(**changes: object) -> dict[str, object]:
    raw = {key: value for key, value in MINIMAL.items()}
    raw.update(changes)
    return raw


@pytest.mark.parametrize(("raw", "names"), [
    (_with(office={"name": "K", "timezone": "Mars/Olympus"}), "office.timezone"),
    (_with(office={"timezone": "Asia/Jakarta"}), "office.name"),
    (_with(services=[{"code": "KTP", "name": "K", "prefix": "a1"}]), "services[0].prefix"),
    (_with(services=[{"code": "KTP", "name": "K", "prefix": "A", "daily_quota": "many"}]),
     "services[0].daily_quota"),
    (_with(services=[{"code": "KTP", "name": "K", "prefix": "A", "issuing_hours": "9-8"}]),
     "services[0].issuing_hours"),
    (_with(counters=[{"number": 1, "services": ["NOPE"]}]), "counters[0].services"),
    (_with(server={"async_mode": "asyncio"}), "server.async_mode"),
    (_with(printer={"kind": "network"}), "printer.host"),
    (_with(office={"name": "K", "timezone": "Asia/Jakarta", "colour": "red"}), "office.colour"),
    (_with(services=[{"code": "A", "name": "x", "prefix": "A"},
                     {"code": "B", "name": "y", "prefix": "A"}]), "services.prefix"),
])
def test_a_bad_config_names_the_key(raw: dict[str, object], names: str) -> None:
    with pytest.raises(ConfigError) as raised:
        parse_settings(raw)
    assert str(raised.value).startswith(names)


def test_a_missing_file_or_bad_toml_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError):
        load_settings(tmp_path / "nope.toml")
    broken = tmp_path / "broken.toml"
    broken.write_text("[office\nname=", encoding="utf-8")
    with pytest.raises(ConfigError):
        load_settings(broken)


def test_the_demo_config_publishes_every_standard_and_complaint_channel() -> None:
    settings = load_settings(REPO_ROOT / "config.toml")
    for service in settings.services:
        standard = service.standard
        assert standard.requirements and standard.procedure, service.code
        assert standard.time_to_complete and standard.cost and standard.product, service.code
        assert standard.description and standard.service_hours and standard.legal_basis
    assert settings.complaints.whatsapp and settings.complaints.email


@pytest.mark.parametrize(("raw", "names"), [
    (_with(complaints={"email": "bukan email"}), "complaints.email"),
    (_with(complaints={"whatsapp": "wa.me/62811"}), "complaints.whatsapp"),
    (_with(complaints={"response_days": 0}), "complaints.response_days"),
    (_with(complaints={"fax": "123"}), "complaints.fax"),
    (_with(services=[{"code": "KTP", "name": "K", "prefix": "A", "legal_basis": 5}]),
     "services[0].legal_basis"),
])
def test_bad_complaint_channels_and_standards_name_the_key(raw: dict[str, object],
                                                           names: str) -> None:
    with pytest.raises(ConfigError) as raised:
        parse_settings(raw)
    assert str(raised.value).startswith(names)
