from __future__ import annotations

from pathlib import Path

import pytest

from circuit_timer.audio.cues import CuePlayer, CueSettings
from circuit_timer.audio.players import NullPlayer, Player
from circuit_timer.audio.tones import cue
from circuit_timer.audio.voice import Voice
from circuit_timer.core.events import (
    Beat,
    Countdown,
    Finished,
    Halfway,
    Paused,
    RepCounted,
    Resumed,
    SegmentStarted,
    TempoPhase,
)
from circuit_timer.core.timeline import Segment
from tests.audio.helpers import seg, set_done

WORK = seg("work", reps=12, side="left")
TIMED = seg("work", name="Pogo hops", seconds=30, reps=None)
TEMPO = seg("work", name="Calf raise", seconds=64, reps=8, tempo=(3, 1, 3, 1))
HOLD = seg("hold", name="Plank", seconds=30, reps=3, rep=1)


class FakeVoice(Voice):
    """Records what it is asked to say instead of running espeak-ng."""

    def __init__(self, available: bool = True) -> None:
        super().__init__(Path("/nonexistent"))
        self._available = available
        self.said: list[str] = []

    def available(self) -> bool:
        return self._available

    def speak(self, text: str, player: Player, volume: float = 1.0) -> None:
        self.said.append(text)


def started(segment: Segment, at: float = 0.0, upcoming: Segment | None = None) -> SegmentStarted:
    return SegmentStarted(at=at, index=0, segment=segment, upcoming=upcoming)


def make(**settings: object) -> tuple[CuePlayer, NullPlayer, FakeVoice]:
    player = NullPlayer()
    voice = FakeVoice()
    return CuePlayer(player, CueSettings(**settings), voice), player, voice  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("segment", "name"),
    [
        (WORK, "go"),
        (TIMED, "go"),
        (TEMPO, "go"),
        (HOLD, "go"),
        (seg("rest", seconds=60, reps=None), "rest"),
        (seg("switch", side="right", seconds=5, reps=None), "switch"),
        (seg("prepare", seconds=10, reps=None), None),
    ],
)
def test_segment_starts(segment: Segment, name: str | None) -> None:
    cues, player, _ = make()
    assert cues.handle(started(segment, upcoming=WORK)) == name
    assert player.names == ([name] if name else [])


def test_rest_right_after_set_done_plays_only_the_chime() -> None:
    cues, player, _ = make()
    assert cues.handle(started(WORK, at=0.0)) == "go"
    assert cues.handle(set_done(36.0)) == "set-done"
    assert cues.handle(started(seg("rest", seconds=60), at=36.0, upcoming=WORK)) is None
    assert player.names == ["go", "set-done"]


def test_rest_at_another_moment_still_rests() -> None:
    cues, _, _ = make()
    cues.handle(set_done(36.0))
    assert cues.handle(started(seg("rest", seconds=15), at=100.0, upcoming=HOLD)) == "rest"


def test_a_left_side_done_leads_to_the_switch_not_the_chime() -> None:
    cues, player, _ = make()
    assert cues.handle(set_done(36.0, side="left")) is None
    assert cues.handle(started(seg("switch", side="right", seconds=5), at=36.0)) == "switch"
    assert cues.handle(set_done(80.0, side="right")) == "set-done"
    assert player.names == ["switch", "set-done"]


def test_countdown_and_halfway() -> None:
    cues, player, _ = make()
    cues.handle(started(TIMED, at=0.0))
    assert cues.handle(Halfway(at=15.0, index=0)) == "halfway"
    assert [cues.handle(Countdown(at=27.0 + i, index=0, remaining=3 - i)) for i in range(3)] == [
        "countdown"
    ] * 3
    assert player.names == ["go", "halfway", "countdown", "countdown", "countdown"]


def test_countdown_beeps_can_be_turned_off() -> None:
    cues, player, _ = make(countdown_beeps=False)
    cues.handle(started(TIMED))
    assert cues.handle(Countdown(at=27.0, index=0, remaining=3)) is None
    assert player.names == ["go"]


def test_tempo_work_keeps_its_own_rhythm() -> None:
    cues, player, _ = make()
    assert cues.handle(started(TEMPO, at=10.0)) == "go"
    # The first phase starts with the go: the go says it.
    assert cues.handle(TempoPhase(at=10.0, index=0, phase="up", rep=1, seconds=3)) is None
    phases = [
        TempoPhase(at=13.0, index=0, phase="hold", rep=1, seconds=1),
        TempoPhase(at=14.0, index=0, phase="down", rep=1, seconds=3),
        TempoPhase(at=17.0, index=0, phase="pause", rep=1, seconds=1),
        TempoPhase(at=18.0, index=0, phase="up", rep=2, seconds=3),
    ]
    assert [cues.handle(p) for p in phases] == [
        "tempo-hold",
        "tempo-down",
        "tempo-pause",
        "tempo-up",
    ]
    # No countdown or halfway over the phase cues.
    assert cues.handle(Halfway(at=42.0, index=0)) is None
    assert cues.handle(Countdown(at=71.0, index=0, remaining=3)) is None
    # ...but they come back in the rest after it.
    cues.handle(started(seg("rest", seconds=30), at=74.0, upcoming=WORK))
    assert cues.handle(Countdown(at=101.0, index=1, remaining=3)) == "countdown"
    assert player.names[:5] == ["go", "tempo-hold", "tempo-down", "tempo-pause", "tempo-up"]


def test_a_paced_set_ticks_on_each_beat_at_the_cue_volume() -> None:
    paced = seg("work", reps=30, side="left", test=True, pace=60)
    cues, player, _ = make(volume=0.4, countdown_beeps=False)
    assert cues.handle(started(paced, at=10.0)) == "go"  # beat 0: the set begins
    assert [cues.handle(Beat(at=10.0 + b, index=0, beat=b, pace=60)) for b in (1, 2, 3)] == [
        "tick"
    ] * 3
    # The 3-2-1 setting is off, yet the beat plays: a test's pace depends on it.
    assert player.played == [cue("go", 0.4)] + [cue("tick", 0.4)] * 3
    cues.update(CueSettings(volume=0.0))
    cues.handle(Beat(at=14.0, index=0, beat=4, pace=60))
    assert player.played[-1] == cue("tick", 0.0)  # volume 0: a silent tick


def test_finished() -> None:
    cues, player, _ = make()
    assert cues.handle(set_done(100.0)) == "set-done"
    assert cues.handle(Finished(at=100.0, index=5, status="completed")) == "workout-done"
    assert player.names == ["set-done", "workout-done"]
    assert cues.handle(Finished(at=100.0, index=5, status="partial")) is None


def test_events_with_no_sound() -> None:
    cues, player, _ = make()
    assert cues.handle(Paused(at=1.0, index=0)) is None
    assert cues.handle(Resumed(at=2.0, index=0, paused_for=1.0)) is None
    assert cues.handle(RepCounted(at=3.0, index=0, reps=1, target=12, by_runner=True)) is None
    assert player.names == []


def test_cues_play_at_the_settings_volume() -> None:
    cues, player, _ = make(volume=0.3)
    cues.handle(started(WORK))
    assert player.played == [cue("go", 0.3)]
    cues.update(CueSettings(volume=1.0))
    cues.handle(started(WORK))
    assert player.played[-1] == cue("go", 1.0)


def test_voice_announces_what_comes_next() -> None:
    cues, _player, voice = make()
    cues.handle(started(seg("prepare", seconds=10), upcoming=TIMED))
    cues.handle(started(TIMED, at=10.0, upcoming=WORK))  # work says nothing
    cues.handle(started(seg("rest", seconds=20), at=40.0, upcoming=WORK))
    cues.handle(started(seg("switch", side="right", seconds=5), at=80.0, upcoming=WORK))
    assert voice.said == [
        "Next: Pogo hops, 30 seconds",
        "Next: Single-leg glute bridge, left side, 12 reps",
        "Right side",
    ]


def test_no_announcement_between_the_holds_of_a_set() -> None:
    cues, _, voice = make()
    second_hold = seg("hold", name="Plank", seconds=30, reps=3, rep=2)
    assert cues.handle(started(seg("rest", seconds=10), upcoming=second_hold)) == "rest"
    assert voice.said == []


def test_voice_turned_off_or_missing() -> None:
    cues, _, voice = make(voice=False)
    cues.handle(started(seg("prepare", seconds=10), upcoming=TIMED))
    assert voice.said == []
    absent = FakeVoice(available=False)
    cues = CuePlayer(NullPlayer(), CueSettings(), absent)
    assert cues.handle(started(seg("rest", seconds=10), upcoming=TIMED)) == "rest"
    assert absent.said == []
    cues = CuePlayer(NullPlayer(), CueSettings(), None)
    assert cues.handle(started(seg("rest", seconds=10), upcoming=TIMED)) == "rest"


def test_spoken_cue_reaches_the_player_with_espeak(tmp_path: Path) -> None:
    from tests.audio.helpers import require_tool

    require_tool("espeak-ng")
    player = NullPlayer()
    voice = Voice(tmp_path)
    cues = CuePlayer(player, CueSettings(), voice)
    cues.handle(started(seg("rest", seconds=30), upcoming=TIMED))
    assert voice.wait_idle(10.0)
    voice.close()
    assert player.names == ["rest", "voice"]
