"""End to end through ALSA, each in a subprocess: ALSA reads its configuration once per
process, so the device a test wants must be set before the process first plays."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from circuit_timer.audio.players import NO_DEVICE
from circuit_timer.audio.tones import GO_HZ, GO_SECONDS
from tests.audio.helpers import (
    require_simpleaudio,
    require_tool,
    run_with_alsa_config,
    sox_loudest_frequency,
    sox_stat,
)

# ALSA is Linux's sound system: its configuration decides the device in these tests.
pytestmark = pytest.mark.linux_only("ALSA")

PLAY_GO = """
import json
from circuit_timer.audio import SimpleaudioPlayer, cue, make_player
player = make_player(True)
kind = type(player).__name__
if isinstance(player, SimpleaudioPlayer):
    player.play(cue("go", 1.0))
    player.wait_idle(5.0)
    player.close()
print(json.dumps({"player": kind, "notice": player.notice}))
"""

# A short workout's events with no sound device: the run must complete, cues visual only.
RUN_WITHOUT_DEVICE = """
import json
from circuit_timer.audio import CuePlayer, CueSettings, make_player
from circuit_timer.core.events import Countdown, Finished, SegmentStarted
from tests.audio.helpers import seg, set_done
player = make_player(True)
cues = CuePlayer(player, CueSettings(voice=False), None)
work = seg("work", seconds=30, reps=None)
events = [
    SegmentStarted(at=0.0, index=0, segment=seg("prepare", seconds=10), upcoming=work),
    Countdown(at=7.0, index=0, remaining=3),
    SegmentStarted(at=10.0, index=1, segment=work, upcoming=None),
    set_done(40.0),
    Finished(at=40.0, index=1, status="completed"),
]
handled = [cues.handle(e) for e in events]
print(json.dumps({
    "player": type(player).__name__,
    "handled": handled,
    "played": player.names,
    "notice": [player.take_notice(), player.take_notice()],
}))
"""


def test_go_cue_through_an_alsa_file_sink(tmp_path: Path) -> None:
    require_tool("sox")
    require_simpleaudio()
    out = tmp_path / "out.wav"
    config = tmp_path / "asoundrc"
    config.write_text(
        f'pcm.!default {{ type file; slave.pcm "null"; file "{out}"; format "wav" }}\n'
    )
    result = run_with_alsa_config(PLAY_GO, f"/usr/share/alsa/alsa.conf:{config}")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report == {"player": "SimpleaudioPlayer", "notice": None}, result.stderr
    assert "ALSA lib" not in result.stderr
    # The sink keeps only the last sound: the probe's silence was overwritten by "go".
    stat = sox_stat(out)
    assert stat["Length (seconds)"] == pytest.approx(GO_SECONDS, abs=0.05)
    # sox's rough frequency reads the weak second harmonic too, about 2% high.
    assert stat["Rough frequency"] == pytest.approx(GO_HZ, rel=0.05)
    assert stat["Maximum amplitude"] > 0.9
    # The spectrum's peak is the fundamental (sox's bins are 10.8 Hz wide).
    assert sox_loudest_frequency(out) == pytest.approx(GO_HZ, abs=15)


def test_no_sound_device_gives_a_null_player_and_the_run_completes(tmp_path: Path) -> None:
    require_simpleaudio()  # without it the notice would be a different one
    # A configuration that defines no devices at all: "default" does not exist.
    config = tmp_path / "asoundrc"
    config.write_text("# nothing here\n")
    result = run_with_alsa_config(RUN_WITHOUT_DEVICE, str(config))
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["player"] == "NullPlayer"
    assert report["handled"] == [None, "countdown", "go", "set-done", "workout-done"]
    assert report["played"] == ["countdown", "go", "set-done", "workout-done"]
    assert report["notice"] == [NO_DEVICE, None]
    # ALSA's own complaints are kept off the runner's terminal.
    assert "ALSA lib" not in result.stderr
