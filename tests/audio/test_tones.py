from __future__ import annotations

from array import array
from itertools import combinations, pairwise

import pytest

from circuit_timer.audio import tones
from circuit_timer.audio.tones import CUE_NAMES, GO_HZ, GO_SECONDS, RATE, TICK_HZ, TICK_SECONDS, cue
from tests.audio.helpers import peak, samples

EXPECTED = {
    "countdown",
    "go",
    "rest",
    "switch",
    "halfway",
    "tempo-up",
    "tempo-hold",
    "tempo-down",
    "tempo-pause",
    "set-done",
    "workout-done",
    "tick",
}


def test_every_cue_exists() -> None:
    assert set(CUE_NAMES) == EXPECTED
    for name in CUE_NAMES:
        sound = cue(name)
        assert sound.name == name
        assert sound.rate == RATE
        assert len(sound.pcm) == 2 * round(sound.seconds * RATE)
        assert 0.04 < sound.seconds < 1.5


def test_cues_are_pairwise_distinct() -> None:
    for a, b in combinations(CUE_NAMES, 2):
        assert cue(a).pcm != cue(b).pcm, (a, b)


def test_go_constants_describe_the_go_cue() -> None:
    go = tones.CUES["go"]
    (note,) = go.parts
    assert isinstance(note, tones.Note)
    assert note.hz == GO_HZ and note.to_hz is None
    assert cue("go").seconds == pytest.approx(GO_SECONDS)


def test_the_tick_is_the_shortest_and_highest_cue() -> None:
    # A beat every second (or faster) must never be mistaken for another cue.
    assert cue("tick").seconds == pytest.approx(TICK_SECONDS, abs=1 / RATE)
    assert TICK_SECONDS <= 0.05
    others = [name for name in CUE_NAMES if name != "tick"]
    assert all(cue(name).seconds > TICK_SECONDS for name in others)
    highest = max(
        max(p.hz, p.to_hz or p.hz)
        for name in others
        for p in tones.CUES[name].parts
        if isinstance(p, tones.Note)
    )
    assert highest * 1.5 < TICK_HZ
    s = samples(cue("tick").pcm)
    crossings = sum(1 for a, b in pairwise(s) if a < 0 <= b)
    assert crossings / TICK_SECONDS == pytest.approx(TICK_HZ, rel=0.05)


def test_go_zero_crossings_match_its_pitch() -> None:
    s = samples(cue("go").pcm)
    crossings = sum(1 for a, b in pairwise(s) if a < 0 <= b)
    assert crossings / GO_SECONDS == pytest.approx(GO_HZ, rel=0.02)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_no_clicks(name: str) -> None:
    s = samples(cue(name).pcm)
    # Starts and ends on silence, and fades: without the ramps a sine reaches its full
    # height within the first millisecond (44 samples).
    assert s[0] == 0 and s[-1] == 0
    assert max(abs(x) for x in s[:44]) < 0.15 * 32767
    assert max(abs(x) for x in s[-44:]) < 0.15 * 32767


def test_loud_at_full_volume_and_scaled_by_volume() -> None:
    full = peak(cue("go", 1.0).pcm)
    assert full >= 0.9 * 32767
    assert peak(cue("go", 0.5).pcm) == pytest.approx(full * 0.5, rel=0.01)
    assert peak(cue("go", 0.0).pcm) == 0
    # Out-of-range volumes are clamped, never overflow.
    assert peak(cue("go", 3.0).pcm) == full
    # The default 0.8 is still loud.
    assert peak(cue("countdown", 0.8).pcm) >= 0.75 * 32767


def test_softer_cues_are_softer() -> None:
    assert peak(cue("tempo-pause").pcm) < 0.6 * peak(cue("go").pcm)


def test_cached_per_name_and_volume() -> None:
    assert cue("go", 0.8) is cue("go", 0.8)
    assert cue("go", 0.8) is not cue("go", 0.7)


def test_unknown_cue() -> None:
    with pytest.raises(KeyError, match="unknown cue"):
        cue("boom")


def test_scaled_normalises_speech_to_the_cue_peak() -> None:
    quiet = tones.Sound("voice", array("h", [0, 1000, -2000, 0]).tobytes(), 22050, 4 / 22050)
    loud = tones.scaled(quiet, 1.0)
    assert peak(loud.pcm) == round(32767 * tones.PEAK)
    assert loud.rate == 22050
    silent = tones.Sound("voice", bytes(8), 22050, 4 / 22050)
    assert tones.scaled(silent, 1.0) is silent
