"""The heel-raise test's beat, end to end: a tick every second through the ALSA file sink.

The sink takes sound faster than real time and keeps only the last sound played, so it
cannot record a sequence by itself. The workout therefore runs in a subprocess on a
clock the test moves, with the window's own path for cues: the engine's preview feeds
the cue thread, which plays each cue through the CuePlayer while the face is stalled.
Each cue is put in one buffer at the moment (on the workout's clock) the cue thread
played it, and that buffer goes through the real simpleaudio player into the file sink.
sox then decodes the file, and the tick intervals are measured in the audio.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from circuit_timer.audio.tones import GO_HZ, RATE, TICK_HZ
from tests.audio.helpers import (
    file_sink,
    onsets,
    require_simpleaudio,
    require_tool,
    run_with_alsa_config,
    sox_loudest_frequency,
    sox_samples,
)
from tests.paths import REPO

# The heel-raise test at pace: 60, each side to failure, in the test data.
CIRCUIT = REPO / "circuits" / "heel-raise-test.yaml"  # the bundled check, at pace: 60
EXERCISE = "single-leg-heel-raise-test"
BEATS = 5  # the runner marks the set done 5.5 s in
DONE_AT = 5.5
LEAD_IN = 0.5  # silence kept before the set's "go"

PLAY_PACED_SET = """
import json, sys, threading
from array import array
from pathlib import Path

from circuit_timer.audio import CuePlayer, CueSettings, SimpleaudioPlayer, make_player
from circuit_timer.audio.tones import RATE, Sound
from circuit_timer.core.clock import FakeClock
from circuit_timer.core.events import SegmentStarted
from circuit_timer.core.library import load_file
from circuit_timer.session.workout import Workout

path, exercise, beats, done_at, lead_in = sys.argv[1:6]
beats, done_at, lead_in = int(beats), float(done_at), float(lead_in)


class SteppedClock(FakeClock):
    # The cue thread looks again every few ms, so it sees each step of this clock.
    def real_seconds(self, seconds):
        return min(seconds, 0.005)


class Recorder:
    # A player that keeps each sound with the workout-clock moment it was played.
    def __init__(self, clock):
        self.clock, self.played, self.names = clock, [], []
        self.changed = threading.Condition()
        self.notice = None

    def play(self, sound, *, interrupt=False):
        with self.changed:
            self.played.append((self.clock.now(), sound))
            self.names.append(sound.name)
            self.changed.notify_all()

    def wait_for(self, count, name):
        with self.changed:
            return self.changed.wait_for(lambda: self.names.count(name) >= count, timeout=10)


circuit = load_file(Path(path), path).document
clock = SteppedClock(1000.0)
recorder = Recorder(clock)
cues = CuePlayer(recorder, CueSettings(volume=1.0, voice=False), None)
workout = Workout(circuit, clock, None, cue_listeners=[cues.handle])
started = None
events = workout.start()
while started is None:
    for event in events:
        seg = getattr(event, "segment", None)
        if isinstance(event, SegmentStarted) and seg.exercise == exercise and seg.kind == "work":
            started = event.at
    if started is None:
        wake = workout.engine.next_wakeup()
        if wake is None:
            events = workout.done()  # an open set before the test (a warm-up)
        else:
            clock.set(wake)
            events = workout.pump()
assert workout.engine.snapshot().segment.pace == 60, "not a paced set"
# The face stalls through the set: only the cue thread plays the beats.
for beat in range(1, beats + 1):
    clock.set(started + beat)
    assert recorder.wait_for(beat, "tick"), f"beat {beat} never played"
clock.set(started + done_at)
workout.done()  # the runner marks the set done: the beat stops
clock.set(started + done_at + 3)
workout.pump()
workout.finish_early()
workout.close()

# Every cue from just before the set's "go", mixed into one buffer.
begin = started - lead_in
kept = [(at, s) for at, s in recorder.played if at >= begin]
end = max(at + s.seconds for at, s in kept) + 0.2
mix = [0] * round((end - begin) * RATE)
for at, sound in kept:
    samples = array("h")
    samples.frombytes(sound.pcm)
    first = round((at - begin) * RATE)
    for i, value in enumerate(samples):
        mix[first + i] += value
pcm = array("h", [max(-32767, min(32767, v)) for v in mix])
if sys.byteorder == "big":
    pcm.byteswap()
player = make_player(True)
if isinstance(player, SimpleaudioPlayer):
    player.play(Sound("paced set", pcm.tobytes(), RATE, len(pcm) / RATE))
    player.wait_idle(10.0)
    player.close()
print(json.dumps({
    "player": type(player).__name__,
    "notice": player.notice,
    "cues": [[round(at - started, 6), s.name] for at, s in kept],
}))
"""


def test_the_heel_raise_test_ticks_every_second_through_the_alsa_sink(tmp_path: Path) -> None:
    require_tool("sox")
    require_simpleaudio()
    out, config = file_sink(tmp_path)
    args = [str(CIRCUIT), EXERCISE, str(BEATS), str(DONE_AT), str(LEAD_IN)]
    result = run_with_alsa_config(PLAY_PACED_SET, config, args)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["player"] == "SimpleaudioPlayer" and report["notice"] is None, result.stderr
    # What the cue thread played, on the workout's clock from the set's start.
    ticks = [[float(b), "tick"] for b in range(1, BEATS + 1)]
    assert report["cues"] == [[0.0, "go"], *ticks, [DONE_AT, "switch"]]

    # Measured in the audio the sink wrote: the go, a tick each second, the switch.
    samples = sox_samples(out, RATE)
    starts = onsets(samples, RATE)
    assert len(starts) == 1 + BEATS + 1, starts
    go, *beats, switch = starts
    assert go == pytest.approx(LEAD_IN, abs=0.01)
    intervals = [b - a for a, b in zip([go, *beats], beats, strict=False)]
    # The clock is the test's, so the beat is exact; 20 ms allows for where a sound's
    # onset is read in its fade-in.
    assert intervals == pytest.approx([1.0] * BEATS, abs=0.02)
    assert switch - go == pytest.approx(DONE_AT, abs=0.02)  # no tick after Done
    # Each tick is the tick (its pitch), not another cue; the first sound is the go.
    for at in beats:
        assert sox_loudest_frequency(out, at, 0.1) == pytest.approx(TICK_HZ, abs=25)
    assert sox_loudest_frequency(out, go, 0.4) == pytest.approx(GO_HZ, abs=25)
