"""Offline voice clips for the lobby TV, spoken by espeak-ng (Indonesian voice "id").

    python -m display.voice_clips display/static/sounds/generated [--config config.toml] [--force]

writes one WAV per clip in antrean.core.announcement.clip_vocabulary() (79 clips, plus one for
each configured counter with words of its own, e.g. "loket prioritas"), a two-tone "ding-dong"
chime.wav and manifest.json (clip name -> file name, plus "chime"). The TV page
(display/static/js/announcer.js) reads the manifest and joins the clips of each call; a call
with a clip missing (a counter added since) is spoken by the browser's id-ID voice instead.
With --config it also adds what the kiosk reads aloud on request (antrean.core.kiosk_speech):
its phrases, the priority categories and the name of every configured service.

Every clip is trimmed of silence at both ends so joined clips flow; the pauses a person makes at
the commas of "Nomor antrean, A, seratus dua puluh tiga, silakan menuju loket dua" are added back
as padding on the clips that sit at those commas (PAUSES).

Own recordings: an office can replace any WAV with its own recording of the same text (mono or
stereo, any sample rate; trim the silence at both ends), keeping the file name. Running this
again keeps those files: it only rewrites files whose content is still what it wrote last time
(recorded in .generated.json) and files that are missing. --force regenerates everything.
"""

from __future__ import annotations

import argparse
import array
import hashlib
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import wave
from collections.abc import Callable
from functools import partial
from pathlib import Path

from antrean.config import ConfigError, load_settings
from antrean.core.announcement import CounterVoice, clip_vocabulary
from antrean.core.kiosk_speech import kiosk_vocabulary

ESPEAK_VOICE = "id"
# 175 wpm, espeak's default, is too quick for a noisy lobby; 140 is clear without dragging.
ESPEAK_RATE = 140
SAMPLE_RATE = 22050
CHIME = "chime"
MANIFEST = "manifest.json"
# Files this tool wrote and their SHA-256, so a rerun can tell them from an office's recordings.
RECORD = ".generated.json"
# Seconds of silence (before, after) a clip: the commas of the sentence.
PAUSES: dict[str, tuple[float, float]] = {
    "nomor-antrean": (0.0, 0.25),
    "silakan-menuju": (0.3, 0.0),
    **{f"huruf-{c}": (0.0, 0.2) for c in "abcdefghijklmnopqrstuvwxyz"},
}


class VoiceClipError(RuntimeError):
    """A tool is missing or failed; the message says what to do."""


def generate_clips(output_dir: Path, force: bool = False,
                   counters: tuple[CounterVoice, ...] = (),
                   extra: dict[str, str] | None = None) -> dict[str, str]:
    """Write every clip (the TV's, one per counter with words of its own, plus `extra`
    name -> text), the chime and manifest.json into output_dir; return the manifest."""
    _require_tools()
    output_dir.mkdir(parents=True, exist_ok=True)
    record = {} if force else _read_json(output_dir / RECORD)
    manifest: dict[str, str] = {}
    for name, text in {**clip_vocabulary(counters), **(extra or {})}.items():
        speak = partial(_speak, text, PAUSES.get(name, (0.0, 0.0)))
        manifest[name] = _refresh(output_dir, name, record, speak, force)
    manifest[CHIME] = _refresh(output_dir, CHIME, record, _write_chime, force)
    _write_json(output_dir / RECORD, record)
    _write_json(output_dir / MANIFEST, manifest)
    return manifest


def configured_counters(config: Path | None) -> tuple[CounterVoice, ...]:
    """Every counter of the office's configuration, as it is shown and called."""
    if config is None:
        return ()
    settings = load_settings(config)
    return tuple(settings.counter_voice(counter.number) for counter in settings.counters)


def _require_tools() -> None:
    for tool in ("espeak-ng", "sox"):
        if shutil.which(tool) is None:
            raise VoiceClipError(
                f"{tool} is not installed; install it with "
                "'sudo apt-get install espeak-ng sox' (or 'make system-deps') and run again")


def _refresh(output_dir: Path, name: str, record: dict[str, str],
             make: Callable[[Path], None], force: bool) -> str:
    """(Re)make one clip unless the file there is an office's own recording."""
    file_name = f"{name}.wav"
    path = output_dir / file_name
    if not force and path.exists() and record.get(file_name) != _sha256(path):
        return file_name
    draft = path.with_name(f".{file_name}.partial.wav")
    make(draft)
    os.replace(draft, path)  # a crash never leaves half a clip behind
    record[file_name] = _sha256(path)
    return file_name


def _speak(text: str, pause: tuple[float, float], path: Path) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        raw = Path(scratch) / "raw.wav"
        _run(["espeak-ng", "-v", ESPEAK_VOICE, "-s", str(ESPEAK_RATE), "-w", str(raw), text])
        # silence/reverse/silence/reverse trims both ends; 0.1% keeps soft "s" and final "h".
        # -D: no dither, so a rerun writes the same bytes and the padding is true silence.
        trim = ["silence", "1", "0.01", "0.1%", "reverse"]
        _run(["sox", "-D", str(raw), "-r", str(SAMPLE_RATE), "-c", "1", "-b", "16", str(path),
              *trim, *trim, "norm", "-1", "pad", str(pause[0]), str(pause[1])])


def _run(command: list[str]) -> None:
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise VoiceClipError(f"{command[0]} failed: {result.stderr.strip()}")


def _write_chime(path: Path) -> None:
    """Ding-dong: E5 then C5, bell-like partials with an exponential fade."""
    length = int(1.6 * SAMPLE_RATE)
    samples = [0.0] * length
    for start, frequency in ((0.0, 659.25), (0.5, 523.25)):
        _add_bell(samples, int(start * SAMPLE_RATE), frequency)
    peak = max(abs(s) for s in samples)
    pcm = array.array("h", (int(s / peak * 0.7 * 32767) for s in samples))
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(SAMPLE_RATE)
        out.writeframes(pcm.tobytes())


def _add_bell(samples: list[float], start: int, frequency: float) -> None:
    for i in range(start, len(samples)):
        t = (i - start) / SAMPLE_RATE
        attack = min(1.0, t / 0.005)  # 5 ms ramp: no click at the strike
        tone = sum(weight * math.sin(2 * math.pi * frequency * ratio * t)
                   for ratio, weight in ((1.0, 1.0), (2.0, 0.35), (3.0, 0.1)))
        samples[i] += attack * math.exp(-t / 0.35) * tone


def _kiosk_clips(config: Path) -> dict[str, str]:
    settings = load_settings(config)
    agencies = settings.agencies if settings.has_agencies else ()
    return kiosk_vocabulary(((service.code, service.name) for service in settings.services),
                            ((agency.code, agency.short_name) for agency in agencies))


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _read_json(path: Path) -> dict[str, str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def _write_json(path: Path, data: dict[str, str]) -> None:
    path.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m display.voice_clips",
                                     description="Generate the lobby TV voice clips.")
    parser.add_argument("output_dir", type=Path)
    parser.add_argument("--force", action="store_true",
                        help="regenerate every clip, replacing an office's own recordings")
    parser.add_argument("--config", type=Path,
                        help="config.toml: also make a clip for each counter's own words, "
                             "and the kiosk's clips with its service names")
    args = parser.parse_args(argv)
    try:
        manifest = generate_clips(args.output_dir, force=args.force,
                                  counters=configured_counters(args.config),
                                  extra=_kiosk_clips(args.config) if args.config else None)
    except (VoiceClipError, ConfigError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"{len(manifest)} sounds and {MANIFEST} in {args.output_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
