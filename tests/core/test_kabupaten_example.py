"""examples/kabupaten.toml, the kabupaten an installer starts from: config.toml's demo office
as the root office, plus three offices; it loads as it is and never drifts from the demo."""

from pathlib import Path

from antrean.config import load_settings

REPO = Path(__file__).resolve().parents[2]


def test_the_example_kabupaten_is_the_demo_office_with_three_more() -> None:
    kabupaten = load_settings(REPO / "examples" / "kabupaten.toml")
    demo = load_settings(REPO / "config.toml")
    assert kabupaten.deployment.name == "Pemerintah Kabupaten Banjar"
    assert [o.code for o in kabupaten.deployment.offices] == [
        "astambul", "gambut", "puskesmas-martapura"]
    own = {key: value for key, value in kabupaten.raw.items()
           if key not in ("deployment", "offices")}
    assert own == demo.raw
