"""Players in-process, with fake simpleaudio modules standing in for the sound system."""

from __future__ import annotations

import sys
import threading
import time
import types
from typing import Any

import pytest

from circuit_timer.audio import players
from circuit_timer.audio.players import (
    NO_ANSWER,
    NO_DEVICE,
    NO_SIMPLEAUDIO,
    NullPlayer,
    SimpleaudioPlayer,
    make_player,
)
from circuit_timer.audio.tones import cue


class FakeError(Exception):
    """Stands in for simpleaudio's SimpleaudioError."""


class FakePlayObject:
    def __init__(self, playing: bool = False) -> None:
        self.playing = playing

    def is_playing(self) -> bool:
        return self.playing

    def wait_done(self) -> None:
        self.playing = False


def fake_simpleaudio(
    monkeypatch: pytest.MonkeyPatch, play: Any, stop_all: Any = None
) -> types.ModuleType:
    module = types.ModuleType("simpleaudio")
    module.SimpleaudioError = FakeError  # type: ignore[attr-defined]
    module.play_buffer = play  # type: ignore[attr-defined]
    module.stop_all = stop_all or (lambda: None)  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "simpleaudio", module)
    return module


def test_play_goes_through_the_worker_in_order(monkeypatch: pytest.MonkeyPatch) -> None:
    played: list[tuple[int, int, int, int]] = []

    def play(pcm: bytes, channels: int, width: int, rate: int) -> FakePlayObject:
        played.append((len(pcm), channels, width, rate))
        return FakePlayObject()

    fake_simpleaudio(monkeypatch, play)
    player = SimpleaudioPlayer()
    player.play(cue("countdown"))
    player.play(cue("go"))
    assert player.wait_idle(2.0)
    player.close()
    assert played == [(len(cue("countdown").pcm), 1, 2, 44100), (len(cue("go").pcm), 1, 2, 44100)]
    assert player.notice is None and player.take_notice() is None
    assert not player.failed


def test_play_never_blocks_the_caller(monkeypatch: pytest.MonkeyPatch) -> None:
    release = threading.Event()

    def play(*args: Any) -> FakePlayObject:
        release.wait(5.0)  # a sound system that hangs
        return FakePlayObject()

    fake_simpleaudio(monkeypatch, play)
    player = SimpleaudioPlayer()
    player.play(cue("go"))
    player.play(cue("rest"))
    # Both calls returned although the worker is stuck in the first play.
    assert not player.wait_idle(0.05)
    release.set()
    assert player.wait_idle(2.0)
    player.close()


def test_interrupt_stops_what_plays(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []

    def play(*args: Any) -> FakePlayObject:
        calls.append("play")
        return FakePlayObject()

    fake_simpleaudio(monkeypatch, play, stop_all=lambda: calls.append("stop"))
    player = SimpleaudioPlayer()
    player.play(cue("set-done"))
    player.play(cue("workout-done"), interrupt=True)
    assert player.wait_idle(2.0)
    player.close()
    assert calls == ["play", "stop", "play"]


def test_a_busy_device_plays_the_newest_sound(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    busy = FakePlayObject(playing=True)

    def play(*args: Any) -> FakePlayObject:
        if calls.count("play") == 1 and "stop" not in calls:
            calls.append("busy")
            raise FakeError("Device or resource busy")
        calls.append("play")
        return busy if len(calls) == 1 else FakePlayObject()

    def stop_all() -> None:
        calls.append("stop")
        busy.playing = False

    fake_simpleaudio(monkeypatch, play, stop_all)
    player = SimpleaudioPlayer()
    player.play(cue("countdown"))
    player.play(cue("go"))
    assert player.wait_idle(2.0)
    player.close()
    assert calls == ["play", "busy", "stop", "play"]
    assert not player.failed


def test_failure_falls_back_to_null_with_a_notice_once(monkeypatch: pytest.MonkeyPatch) -> None:
    attempts: list[int] = []

    def play(*args: Any) -> FakePlayObject:
        attempts.append(1)
        raise FakeError("Error opening PCM device. -- CODE: -2")

    fake_simpleaudio(monkeypatch, play)
    player = SimpleaudioPlayer()
    player.play(cue("go"))
    assert player.wait_idle(2.0)
    player.play(cue("rest"))
    player.play(cue("switch"))
    assert player.wait_idle(2.0)
    player.close()
    assert player.failed
    assert len(attempts) == 1  # no further tries at a device that is not there
    assert player.notice == NO_DEVICE
    assert player.take_notice() == NO_DEVICE
    assert player.take_notice() is None
    assert player.notice == NO_DEVICE  # still there for a face that shows it all along


def test_oserror_also_falls_back(monkeypatch: pytest.MonkeyPatch) -> None:
    def play(*args: Any) -> FakePlayObject:
        raise OSError("no such device")

    fake_simpleaudio(monkeypatch, play)
    player = SimpleaudioPlayer()
    player.play(cue("go"))
    assert player.wait_idle(2.0)
    player.close()
    assert player.take_notice() == NO_DEVICE


def test_missing_simpleaudio_falls_back(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "simpleaudio", None)  # import raises ImportError
    player = SimpleaudioPlayer()
    player.play(cue("go"))
    assert player.wait_idle(2.0)
    player.close()
    assert player.take_notice() == NO_SIMPLEAUDIO


def test_late_sounds_are_dropped(monkeypatch: pytest.MonkeyPatch) -> None:
    played: list[int] = []

    def play(pcm: bytes, *args: Any) -> FakePlayObject:
        if not played:
            time.sleep(0.3)  # the sound system stalls on the first sound
        played.append(len(pcm))
        return FakePlayObject()

    fake_simpleaudio(monkeypatch, play)
    player = SimpleaudioPlayer(max_lag=0.1)
    player.play(cue("countdown"))
    player.play(cue("go"))  # waits 0.3 s in the queue: too late to mean anything
    assert player.wait_idle(2.0)
    player.close()
    assert played == [len(cue("countdown").pcm)]


def test_make_player_disabled_is_silent_without_notice() -> None:
    player = make_player(False)
    assert isinstance(player, NullPlayer)
    assert player.notice is None and player.take_notice() is None
    player.play(cue("go"))
    assert player.names == ["go"]
    player.close()


def test_make_player_without_simpleaudio(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "simpleaudio", None)
    player = make_player(True)
    assert isinstance(player, NullPlayer)
    assert player.take_notice() == NO_SIMPLEAUDIO


def test_make_player_when_playing_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    def play(*args: Any) -> FakePlayObject:
        raise FakeError("Error opening PCM device.")

    fake_simpleaudio(monkeypatch, play)
    player = make_player(True)
    assert isinstance(player, NullPlayer)
    assert player.take_notice() == NO_DEVICE
    assert player.take_notice() is None


def test_make_player_gives_up_on_a_hanging_device(monkeypatch: pytest.MonkeyPatch) -> None:
    release = threading.Event()

    def play(*args: Any) -> FakePlayObject:
        release.wait(5.0)
        return FakePlayObject()

    fake_simpleaudio(monkeypatch, play)
    try:
        player = make_player(True, timeout=0.2)
    finally:
        release.set()
    assert isinstance(player, NullPlayer)
    assert player.take_notice() == NO_ANSWER


def test_make_player_with_a_working_device(monkeypatch: pytest.MonkeyPatch) -> None:
    probes: list[int] = []

    def play(pcm: bytes, *args: Any) -> FakePlayObject:
        probes.append(len(pcm))
        return FakePlayObject()

    fake_simpleaudio(monkeypatch, play)
    player = make_player(True)
    assert isinstance(player, SimpleaudioPlayer)
    assert player.notice is None
    player.close()
    # The probe was a few ms of silence.
    assert probes == [2 * round(players.PROBE_SECONDS * 44100)]
