"""The cue sounds, synthesised with the standard library: 16-bit signed mono PCM.

Each cue differs from the others in pitch, rhythm or both, so a runner who is not looking
at the screen knows which one it was. Every note fades in and out over a few
milliseconds: a tone that starts or stops mid-wave clicks.
"""

from __future__ import annotations

import math
import sys
from array import array
from dataclasses import dataclass
from functools import lru_cache

RATE = 44100
FULL_SCALE = 32767
# The loudest sample of a cue at volume 1.0, as a fraction of full scale: loud, with a
# little headroom for a resampling step in the sound system.
PEAK = 0.95
RAMP_SECONDS = 0.008

# The "go" cue, measured end to end with sox in the tests.
GO_HZ = 1320.0
GO_SECONDS = 0.45
# Its second harmonic: a little brightness helps a tone cut through gym noise. Kept weak
# so the tone's pitch stays clearly the fundamental (sox reads it about 2% high).
GO_HARMONIC = 0.12
# The beat of a paced set (C7), also measured end to end.
TICK_HZ = 2093.0
TICK_SECONDS = 0.045


@dataclass(frozen=True)
class Sound:
    """Mono 16-bit signed little-endian PCM at ``rate`` Hz, ``seconds`` long."""

    name: str
    pcm: bytes
    rate: int
    seconds: float


@dataclass(frozen=True)
class Note:
    """A tone gliding from ``hz`` to ``to_hz`` (the same for a steady one)."""

    hz: float
    seconds: float
    to_hz: float | None = None
    harmonic: float = 0.0  # weight of the second harmonic
    release: float = RAMP_SECONDS


@dataclass(frozen=True)
class Gap:
    """Silence between notes."""

    seconds: float


@dataclass(frozen=True)
class CueSpec:
    """A cue's notes and how loud it is next to the others (1.0: the loudest)."""

    parts: tuple[Note | Gap, ...]
    level: float = 1.0


# Note names in comments: C5 = 523 Hz, A5 = 880 Hz, and so on.
CUES: dict[str, CueSpec] = {
    # A short high pip for 3-2-1.
    "countdown": CueSpec((Note(880.0, 0.12),)),
    # The strongest cue: a long bright high tone.
    "go": CueSpec((Note(GO_HZ, GO_SECONDS, harmonic=GO_HARMONIC),)),
    # Falling E5 -> A4: easing off.
    "rest": CueSpec((Note(659.3, 0.18), Gap(0.04), Note(440.0, 0.28))),
    # Two quick C6 pips.
    "switch": CueSpec((Note(1046.5, 0.08), Gap(0.07), Note(1046.5, 0.08))),
    # One lower, longer pip, a little softer: information, not an order.
    "halfway": CueSpec((Note(523.3, 0.2),), level=0.8),
    # Tempo phases: short, so they fit a 1 s phase; shape says which phase.
    "tempo-up": CueSpec((Note(500.0, 0.15, to_hz=800.0),)),
    "tempo-hold": CueSpec((Note(650.0, 0.15),)),
    "tempo-down": CueSpec((Note(800.0, 0.15, to_hz=500.0),)),
    "tempo-pause": CueSpec((Note(330.0, 0.05),), level=0.5),
    # The beat of a paced set: a click, higher and shorter than every other cue, fading
    # from its onset like a wood block, so a beat a second never crowds the rest.
    "tick": CueSpec((Note(TICK_HZ, TICK_SECONDS, harmonic=0.2, release=0.036),), level=0.85),
    # Rising C5 E5 G5.
    "set-done": CueSpec(
        (Note(523.3, 0.12), Gap(0.03), Note(659.3, 0.12), Gap(0.03), Note(784.0, 0.22))
    ),
    # G4 C5 E5 and a long ringing C6.
    "workout-done": CueSpec(
        (
            Note(392.0, 0.15),
            Gap(0.03),
            Note(523.3, 0.15),
            Gap(0.03),
            Note(659.3, 0.15),
            Gap(0.03),
            Note(1046.5, 0.7, harmonic=0.2, release=0.25),
        )
    ),
}
CUE_NAMES: tuple[str, ...] = tuple(CUES)


def _note(note: Note) -> list[float]:
    """One note as floats, its peak about 1 (more with a harmonic)."""
    n = round(note.seconds * RATE)
    f0 = note.hz
    # A linear glide: the phase is the integral of a frequency moving from f0 to f1.
    slope = ((note.to_hz if note.to_hz is not None else f0) - f0) / note.seconds
    w = 2.0 * math.pi / RATE
    half_slope = slope / (2.0 * RATE)
    sin = math.sin
    h = note.harmonic
    if h:
        wave = [
            sin(p) + h * sin(2.0 * p) for p in (w * i * (f0 + half_slope * i) for i in range(n))
        ]
    else:
        wave = [sin(w * i * (f0 + half_slope * i)) for i in range(n)]
    attack = max(1, round(RAMP_SECONDS * RATE))
    release = max(1, round(note.release * RATE))
    for i in range(min(attack, n)):
        wave[i] *= i / attack
    for i in range(min(release, n)):
        # The last sample lands on exactly zero.
        wave[n - 1 - i] *= i / release
    return wave


def _synthesise(name: str, volume: float) -> Sound:
    spec = CUES[name]
    samples: list[float] = []
    for part in spec.parts:
        if isinstance(part, Gap):
            samples.extend([0.0] * round(part.seconds * RATE))
        else:
            samples.extend(_note(part))
    loudest = max(abs(s) for s in samples)
    gain = FULL_SCALE * PEAK * spec.level * volume / loudest
    pcm = array("h", [round(s * gain) for s in samples])
    return Sound(name=name, pcm=_le_bytes(pcm), rate=RATE, seconds=len(pcm) / RATE)


def _le_bytes(pcm: array[int]) -> bytes:
    """The samples as little-endian bytes, whatever this machine's byte order."""
    if sys.byteorder == "big":
        pcm.byteswap()
    return pcm.tobytes()


def _clamp_volume(volume: float) -> float:
    # Rounded so a volume slider cannot fill the cache with near-identical copies.
    return round(min(1.0, max(0.0, volume)), 2)


@lru_cache(maxsize=64)
def _cached(name: str, volume: float) -> Sound:
    return _synthesise(name, volume)


def cue(name: str, volume: float = 1.0) -> Sound:
    """The cue ``name`` at ``volume`` (0.0-1.0), synthesised on first use, then cached."""
    if name not in CUES:
        raise KeyError(f"unknown cue {name!r}; known: {', '.join(CUE_NAMES)}")
    return _cached(name, _clamp_volume(volume))


def all_cues(volume: float = 1.0) -> dict[str, Sound]:
    """Every cue at ``volume``: call at start-up so no cue is synthesised mid-workout."""
    return {name: cue(name, volume) for name in CUE_NAMES}


def scaled(sound: Sound, volume: float) -> Sound:
    """``sound`` normalised so its peak is what a cue's is at ``volume`` (for speech)."""
    samples = array("h")
    samples.frombytes(sound.pcm)
    if sys.byteorder == "big":
        samples.byteswap()
    loudest = max((abs(s) for s in samples), default=0)
    if loudest == 0:
        return sound
    gain = FULL_SCALE * PEAK * _clamp_volume(volume) / loudest
    out = array("h", [max(-FULL_SCALE, min(FULL_SCALE, round(s * gain))) for s in samples])
    return Sound(name=sound.name, pcm=_le_bytes(out), rate=sound.rate, seconds=sound.seconds)
