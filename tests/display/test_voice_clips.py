"""The voice clip set, made with the real espeak-ng and sox."""

from __future__ import annotations

import array
import json
import shutil
import wave
from pathlib import Path

import pytest

from antrean.config import load_settings
from antrean.core.announcement import build_announcement, clip_vocabulary
from display.voice_clips import PAUSES, VoiceClipError, generate_clips, main

SILENT = 33  # 0.1% of full scale, the threshold the generator trims at


@pytest.fixture(scope="module")
def clip_dir(tmp_path_factory: pytest.TempPathFactory, voice_tools: None) -> Path:
    output = tmp_path_factory.mktemp("sounds")
    generate_clips(output)
    return output


def read_samples(path: Path) -> tuple[array.array[int], int]:
    with wave.open(str(path), "rb") as wav:
        assert wav.getsampwidth() == 2 and wav.getnchannels() == 1
        return array.array("h", wav.readframes(wav.getnframes())), wav.getframerate()


def silent_run(samples: array.array[int]) -> int:
    """How many samples at the start are below the trim threshold."""
    return next((i for i, s in enumerate(samples) if abs(s) > SILENT), len(samples))


def test_manifest_names_every_clip_and_the_chime(clip_dir: Path) -> None:
    manifest = json.loads((clip_dir / "manifest.json").read_text(encoding="utf-8"))
    assert set(manifest) == set(clip_vocabulary()) | {"chime"}
    for name, file_name in manifest.items():
        assert file_name == f"{name}.wav"
        assert (clip_dir / file_name).is_file()


def test_every_clip_is_an_audible_wav_longer_than_a_tenth_of_a_second(clip_dir: Path) -> None:
    for name in [*clip_vocabulary(), "chime"]:
        samples, rate = read_samples(clip_dir / f"{name}.wav")
        assert len(samples) / rate > 0.1, name
        assert max(abs(s) for s in samples) > 0.5 * 32767, f"{name} is (nearly) silent"


def test_clips_are_trimmed_so_that_joined_clips_flow(clip_dir: Path) -> None:
    for name in clip_vocabulary():
        samples, rate = read_samples(clip_dir / f"{name}.wav")
        before, after = PAUSES.get(name, (0.0, 0.0))
        lead = silent_run(samples) / rate
        tail = silent_run(samples[::-1]) / rate
        assert before <= lead < before + 0.02, f"{name} starts with {lead:.3f} s of silence"
        assert after <= tail < after + 0.02, f"{name} ends with {tail:.3f} s of silence"


def test_a_joined_call_lasts_as_long_as_a_person_would_say_it(clip_dir: Path) -> None:
    call = build_announcement("C-123", 2)
    seconds = 0.0
    for clip in call.clips:
        samples, rate = read_samples(clip_dir / f"{clip}.wav")
        seconds += len(samples) / rate
    assert 4.0 < seconds < 8.0


def test_running_again_rewrites_the_same_bytes(clip_dir: Path, tmp_path: Path) -> None:
    shutil.copytree(clip_dir, tmp_path, dirs_exist_ok=True)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    generate_clips(tmp_path)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_an_office_recording_survives_a_rerun_but_not_force(clip_dir: Path,
                                                            tmp_path: Path) -> None:
    shutil.copytree(clip_dir, tmp_path, dirs_exist_ok=True)
    generated = (tmp_path / "tiga.wav").read_bytes()
    own = (tmp_path / "dua.wav").read_bytes()  # stands in for the office's own recording
    (tmp_path / "tiga.wav").write_bytes(own)
    generate_clips(tmp_path)
    assert (tmp_path / "tiga.wav").read_bytes() == own
    generate_clips(tmp_path, force=True)
    assert (tmp_path / "tiga.wav").read_bytes() == generated


def test_missing_espeak_is_reported_clearly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    real_which = shutil.which
    monkeypatch.setattr(shutil, "which",
                        lambda tool: None if tool == "espeak-ng" else real_which(tool))
    with pytest.raises(VoiceClipError, match="espeak-ng is not installed"):
        generate_clips(tmp_path)
    assert main([str(tmp_path)]) == 1
    assert "apt-get install espeak-ng" in capsys.readouterr().err
    assert not list(tmp_path.iterdir())


def test_a_clip_is_made_for_every_configured_counter_name(clip_dir: Path, tmp_path: Path) -> None:
    shutil.copytree(clip_dir, tmp_path, dirs_exist_ok=True)
    demo = Path(__file__).resolve().parents[2] / "config.toml"
    assert main([str(tmp_path), "--config", str(demo)]) == 0
    manifest = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    settings = load_settings(demo)
    for counter in settings.counters:
        # Every clip a call at this counter plays is there: "Loket Prioritas" included.
        call = build_announcement("A-001", counter.number,
                                  counter=settings.counter_voice(counter.number))
        assert set(call.clips) <= set(manifest), counter.name
    samples, rate = read_samples(tmp_path / "tempat-loket-prioritas.wav")
    assert len(samples) / rate > 0.5 and max(abs(s) for s in samples) > 0.5 * 32767


@pytest.mark.usefixtures("voice_tools")
def test_with_a_config_the_kiosk_clips_are_made_too(tmp_path: Path) -> None:
    """Every clip a kiosk screen or ticket can ask for exists, with each service's name."""
    from antrean.core.kiosk_speech import kiosk_vocabulary, service_speech, ticket_speech
    from antrean.core.ticket import Priority
    from tests.support.configs import write_config

    config = write_config(tmp_path)
    output = tmp_path / "sounds"
    assert main([str(output), "--config", str(config)]) == 0
    manifest = json.loads((output / "manifest.json").read_text(encoding="utf-8"))
    assert set(manifest) == set(clip_vocabulary()) | set(kiosk_vocabulary(
        [("KTP", "KTP-el"), ("KK", "Kartu Keluarga"), ("AKTA", "Akta Kelahiran")])) | {"chime"}
    wanted = [*ticket_speech("C-1234", 17).clips,
              *ticket_speech("B-001", 0).clips, *service_speech("AKTA", "Akta", False).clips,
              "prioritas-" + Priority.IBU_HAMIL.value.replace("_", "-")]
    assert all(clip in manifest for clip in wanted), set(wanted) - set(manifest)
    samples, rate = read_samples(output / "layanan-akta.wav")
    assert len(samples) / rate > 0.3  # "Akta Kelahiran", spoken
