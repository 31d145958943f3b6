from __future__ import annotations

import shutil
import subprocess
import sys
import wave
from pathlib import Path
from typing import Any

import pytest

from circuit_timer.audio.players import NullPlayer
from circuit_timer.audio.voice import Voice, next_up_text, unavailable_reason
from tests.audio.helpers import peak, require_tool, seg


@pytest.fixture
def runs(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """Every command the voice runs, still running it."""
    seen: list[list[str]] = []
    real = subprocess.run

    def spy(command: list[str], *args: Any, **kwargs: Any) -> Any:
        seen.append(command)
        return real(command, *args, **kwargs)

    monkeypatch.setattr(subprocess, "run", spy)
    return seen


def test_speech_is_generated_once_then_cached(tmp_path: Path, runs: list[list[str]]) -> None:
    require_tool("espeak-ng")
    voice = Voice(tmp_path / "cache" / "voice")
    assert voice.available()
    first = voice.sound("Next: Pogo hops, 30 seconds")
    assert first is not None
    assert first.name == "voice"
    assert first.rate == 22050  # espeak-ng's own rate, carried to play_buffer
    assert 0.5 < first.seconds < 5.0
    assert len(first.pcm) == 2 * round(first.seconds * first.rate)
    cached = voice.cache_file("Next: Pogo hops, 30 seconds")
    assert cached.is_file()
    assert list(cached.parent.iterdir()) == [cached]  # no partial files left behind
    assert len(runs) == 1
    second = voice.sound("Next: Pogo hops, 30 seconds")
    assert len(runs) == 1  # read from the cache, espeak-ng not run again
    assert second == first


def test_speech_is_as_loud_as_the_cues(tmp_path: Path) -> None:
    require_tool("espeak-ng")

    voice = Voice(tmp_path)
    loud = voice.sound("Right side", 1.0)
    soft = voice.sound("Right side", 0.5)
    assert loud is not None and soft is not None
    assert peak(loud.pcm) >= 0.9 * 32767
    assert peak(soft.pcm) == pytest.approx(peak(loud.pcm) / 2, rel=0.01)


def test_cache_key_covers_text_and_settings(tmp_path: Path) -> None:
    a = Voice(tmp_path)
    assert a.cache_file("Right side") != a.cache_file("Left side")
    assert a.cache_file("Right side") != Voice(tmp_path, words_per_minute=140).cache_file(
        "Right side"
    )
    assert a.cache_file("Right side") != Voice(tmp_path, language="en-us").cache_file("Right side")
    assert a.cache_file("Right side") == Voice(tmp_path).cache_file("Right side")


def test_speak_plays_through_the_player_off_the_callers_thread(tmp_path: Path) -> None:
    require_tool("espeak-ng")
    voice = Voice(tmp_path)
    player = NullPlayer()
    voice.speak("Left side", player, 0.8)
    assert voice.wait_idle(10.0)
    voice.close()
    assert player.names == ["voice"]


def test_a_damaged_cache_file_is_made_afresh(tmp_path: Path, runs: list[list[str]]) -> None:
    require_tool("espeak-ng")
    voice = Voice(tmp_path)
    path = voice.cache_file("Right side")
    path.write_bytes(b"not a wav")
    assert voice.sound("Right side") is None
    assert not path.exists()
    assert voice.sound("Right side") is not None
    assert len(runs) == 1


def test_no_espeak_no_voice_no_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    voice = Voice(tmp_path / "voice")
    assert not voice.available()
    assert voice.sound("Right side") is None
    player = NullPlayer()
    voice.speak("Right side", player)
    assert voice.wait_idle(1.0)
    voice.close()
    assert player.played == []
    assert not (tmp_path / "voice").exists()


@pytest.mark.posix_only("a shell script standing in for espeak-ng")
def test_a_failing_espeak_gives_no_sound_and_no_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = tmp_path / "espeak-ng"
    broken.write_text("#!/bin/sh\necho 'no voice data' >&2\nexit 1\n")
    broken.chmod(0o755)
    monkeypatch.setattr(shutil, "which", lambda name: str(broken))
    voice = Voice(tmp_path / "voice")
    assert voice.available()
    assert voice.sound("Right side") is None
    assert list((tmp_path / "voice").iterdir()) == []


@pytest.mark.parametrize(
    ("segment", "text"),
    [
        (seg(side="left"), "Next: Single-leg glute bridge, left side, 12 reps"),
        (seg(reps=1), "Next: Single-leg glute bridge, 1 rep"),
        (seg(name="Pogo hops", seconds=30, reps=None), "Next: Pogo hops, 30 seconds"),
        (seg(name="Wall sit", seconds=120, reps=None), "Next: Wall sit, 2 minutes"),
        (seg(name="Wall sit", seconds=90, reps=None), "Next: Wall sit, 90 seconds"),
        (
            seg("hold", name="Plantar fascia stretch", side="right", seconds=10, reps=10, rep=1),
            "Next: Plantar fascia stretch, right side, 10 holds of 10 seconds",
        ),
        (
            seg("hold", name="Side plank", seconds=30, reps=1, rep=1),
            "Next: Side plank, hold 30 seconds",
        ),
        (
            seg(name="Calf raise", seconds=64, reps=8, tempo=(3, 1, 3, 1)),
            "Next: Calf raise, 8 reps, tempo 3 1 3 1",
        ),
        (seg("switch", side="right", seconds=5, reps=None), "Right side"),
        (seg("switch", side="left", seconds=5, reps=None), "Left side"),
    ],
)
def test_next_up_text(segment: Any, text: str) -> None:
    assert next_up_text(segment) == text


def _fake_say(seen: list[list[str]]) -> Any:
    """subprocess.run as macOS's say answers: a 16-bit mono WAV at 22050 Hz to -o."""

    def run(command: list[str], **kwargs: Any) -> subprocess.CompletedProcess[str]:
        seen.append(command)
        assert kwargs["input"] == "Right side" and kwargs["timeout"] > 0
        out = command[command.index("-o") + 1]
        with wave.open(out, "wb") as wav:
            wav.setnchannels(1)
            wav.setsampwidth(2)
            wav.setframerate(22050)
            wav.writeframes(b"\x00\x10" * 11025)
        return subprocess.CompletedProcess(command, 0, "", "")

    return run


def test_macos_speaks_with_say_where_espeak_is_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[list[str]] = []
    monkeypatch.setattr(sys, "platform", "darwin")
    monkeypatch.setattr(shutil, "which", lambda name: "/usr/bin/say" if name == "say" else None)
    monkeypatch.setattr(subprocess, "run", _fake_say(seen))
    voice = Voice(tmp_path / "voice", words_per_minute=170)
    assert voice.available()
    sound = voice.sound("Right side")
    assert sound is not None and sound.rate == 22050 and sound.seconds == 0.5
    [command] = seen
    assert command[:3] == ["/usr/bin/say", "-r", "170"]
    assert "--data-format=LEI16@22050" in command and command[-2:] == ["-f", "-"]
    # Its cache is its own: a WAV of espeak-ng's is never taken for say's.
    monkeypatch.setattr(
        shutil, "which", lambda name: "/x/espeak-ng" if name == "espeak-ng" else None
    )
    assert Voice(tmp_path / "voice").cache_file("Right side") != voice.cache_file("Right side")


def test_espeak_is_preferred_wherever_it_is_installed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "platform", "darwin")
    monkeypatch.setattr(shutil, "which", lambda name: f"/opt/bin/{name}")
    seen: list[list[str]] = []

    def run(command: list[str], **kwargs: Any) -> subprocess.CompletedProcess[str]:
        seen.append(command)
        raise subprocess.TimeoutExpired(command, 5.0)

    monkeypatch.setattr(subprocess, "run", run)
    assert Voice(tmp_path).sound("Right side") is None  # it failed: no sound, no error
    assert seen[0][0] == "/opt/bin/espeak-ng"


@pytest.mark.parametrize(
    ("platform", "words"),
    [
        ("win32", "neither Windows PowerShell nor espeak-ng was found"),
        ("darwin", "neither say nor espeak-ng was found"),
        ("linux", "apt-get install espeak-ng"),
    ],
)
def test_without_an_engine_one_line_says_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, platform: str, words: str
) -> None:
    monkeypatch.setattr(sys, "platform", platform)
    monkeypatch.setattr(shutil, "which", lambda name: None)
    assert not Voice(tmp_path).available()
    reason = unavailable_reason()
    assert reason.startswith("spoken cues are unavailable: ") and words in reason
    assert "\n" not in reason


def test_windows_speaks_through_sapi_with_the_text_kept_out_of_the_script(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[tuple[list[str], dict[str, Any]]] = []

    def run(command: list[str], **kwargs: Any) -> subprocess.CompletedProcess[str]:
        seen.append((command, kwargs))
        with wave.open(kwargs["env"]["CIRCUIT_TIMER_WAV"], "wb") as wav:
            wav.setnchannels(1)
            wav.setsampwidth(2)
            wav.setframerate(22050)
            wav.writeframes(b"\x00\x10" * 2205)
        return subprocess.CompletedProcess(command, 0, b"", b"")

    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(
        shutil, "which", lambda name: r"C:\PS\powershell.EXE" if name == "powershell" else None
    )
    monkeypatch.setattr(subprocess, "run", run)
    voice = Voice(tmp_path / "voice")
    assert voice.available()
    text = "Next: Heel raise; $(rm -r ~) 'quoted'"
    sound = voice.sound(text)
    assert sound is not None and sound.rate == 22050 and sound.seconds == 0.1
    [(command, kwargs)] = seen
    assert command[:4] == [r"C:\PS\powershell.EXE", "-NoProfile", "-NonInteractive", "-Command"]
    assert text not in command[4] and "$env:CIRCUIT_TIMER_TEXT" in command[4]
    assert kwargs["env"]["CIRCUIT_TIMER_TEXT"] == text
    assert kwargs["stdin"] == subprocess.DEVNULL and kwargs["timeout"] >= 10
