"""[kiosk] in config.toml: how long a ticket stays on the kiosk screen."""

import pytest

from antrean.config import ConfigError, parse_settings

MINIMAL = {
    "office": {"name": "Kantor", "timezone": "Asia/Jakarta"},
    "services": [{"code": "KTP", "name": "KTP-el", "prefix": "A"}],
    "counters": [{"number": 1, "services": ["KTP"]}],
}


def test_reset_seconds_defaults_and_can_be_set() -> None:
    assert parse_settings(MINIMAL).kiosk.reset_seconds == 15
    assert parse_settings({**MINIMAL, "kiosk": {"reset_seconds": 40}}).kiosk.reset_seconds == 40


@pytest.mark.parametrize("kiosk", [{"reset_seconds": 0}, {"reset_seconds": "15"},
                                   {"reset_second": 15}])
def test_a_bad_kiosk_table_names_the_key(kiosk: dict[str, object]) -> None:
    with pytest.raises(ConfigError, match=r"kiosk\.reset_second"):
        parse_settings({**MINIMAL, "kiosk": kiosk})
