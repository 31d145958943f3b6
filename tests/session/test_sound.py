"""A workout's sound set up from the shared settings: the volume, the 3-2-1 beeps and the
voice the runner chose, the no-device notice once, and workers closed at the end."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from circuit_timer.audio import tones
from circuit_timer.audio.players import NO_DEVICE, NullPlayer, Player
from circuit_timer.core.events import Countdown, SegmentStarted
from circuit_timer.session.sound import SoundCues, sound_cues
from circuit_timer.store import settings
from circuit_timer.store.history import HistoryStore
from tests.audio.helpers import seg


class FakeVoice:
    """A voice that is always available and records what it is asked to say."""

    made: list[FakeVoice]

    def __init__(self, cache_dir: Path) -> None:
        self.cache_dir = cache_dir
        self.said: list[str] = []
        self.closed = False
        FakeVoice.made.append(self)

    def available(self) -> bool:
        return True

    def speak(self, text: str, player: Player, volume: float = 1.0) -> None:
        self.said.append(text)

    def close(self) -> None:
        self.closed = True


@pytest.fixture
def player(monkeypatch: pytest.MonkeyPatch) -> NullPlayer:
    """The player every ``sound_cues`` gets: silent, recording what it plays."""
    made = NullPlayer()

    def make_player(enabled: bool, **_: Any) -> NullPlayer:
        return made

    monkeypatch.setattr("circuit_timer.audio.players.make_player", make_player)
    FakeVoice.made = []
    monkeypatch.setattr("circuit_timer.audio.voice.Voice", FakeVoice)
    return made


def prepare() -> SegmentStarted:
    return SegmentStarted(at=0.0, index=0, segment=seg("prepare", seconds=5), upcoming=seg())


def test_without_a_store_cues_play_at_the_default_volume_with_beeps_and_voice(
    player: NullPlayer,
) -> None:
    cues = sound_cues(None)
    cues.listener(prepare())
    cues.listener(Countdown(at=2.0, index=0, remaining=3))
    assert player.played == [tones.cue("countdown", 0.8)]
    [voice] = FakeVoice.made
    assert voice.said and voice.cache_dir.parts[-2:] == ("cache", "voice")
    assert cues.close(wait=False) is None and voice.closed


def test_the_runners_settings_decide_volume_beeps_and_voice(
    player: NullPlayer, store: HistoryStore
) -> None:
    settings.put(store, "volume", "40")
    settings.put(store, "countdown_beeps", "off")
    settings.put(store, "voice", "off")
    cues = sound_cues(store)
    cues.listener(prepare())
    cues.listener(Countdown(at=2.0, index=0, remaining=3))
    cues.listener(SegmentStarted(at=5.0, index=1, segment=seg(), upcoming=None))
    # No beeps, no voice; the "go" at 40 %.
    assert player.played == [tones.cue("go", 0.4)]
    assert FakeVoice.made == []


def test_a_face_that_may_not_speak_gets_no_voice_whatever_the_setting(
    player: NullPlayer, store: HistoryStore
) -> None:
    cues = sound_cues(store, voice_allowed=False)
    cues.listener(prepare())
    assert FakeVoice.made == []


def test_no_sound_device_gives_its_notice_once(monkeypatch: pytest.MonkeyPatch) -> None:
    silent = NullPlayer(NO_DEVICE)
    monkeypatch.setattr("circuit_timer.audio.players.make_player", lambda *a, **k: silent)
    cues = sound_cues(None, voice_allowed=False)
    assert isinstance(cues, SoundCues) and cues.notice == NO_DEVICE
    # Already shown at the start: closing does not say it again.
    assert cues.close() is None
