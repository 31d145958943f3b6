"""The words and numbers of the workout screen, from the engine's snapshot (no Qt); the
segment's own words come from ``core.segment_words``, as the terminal's do."""

from __future__ import annotations

from circuit_timer.core.describe import clock as mmss
from circuit_timer.core.engine import Snapshot
from circuit_timer.core.segment_words import (
    beat_word,
    dose_words,
    is_open_set,
    position_parts,
)
from circuit_timer.core.timeline import Segment


def side_text(segment: Segment) -> str:
    """The side badge's word."""
    return segment.side.upper() if segment.side else ""


def next_text(segment: Segment | None, side_shown: str | None = None) -> str:
    """'Next: Single-leg glute bridge, left, 12 reps' (without the side when the side badge
    beside it already says ``side_shown``)."""
    if segment is None:
        return "Next: finish"
    parts = [segment.name]
    if segment.side and segment.side != side_shown:
        parts.append(segment.side)
    if segment.kind == "hold" or segment.reps is not None or segment.seconds is not None:
        parts.append(dose_words(segment))
    return "Next: " + ", ".join(parts)


def position_text(seg: Segment) -> str:
    """'set 2/3 · round 1/2 · hold 4/10': where in the circuit this segment is."""
    return " · ".join(position_parts(seg))


def big_text(snap: Snapshot) -> str:
    """The largest text: the time left, or an open rep set's rep count (never a clock)."""
    if snap.state == "finished":
        return "0:00"
    if snap.remaining is None:
        return f"{snap.reps} / {snap.segment.reps}"
    # Round up: "0:01" until the very end, so the display never shows 0 early.
    return mmss(float(int(snap.remaining + 0.999)))


def counter_texts(snap: Snapshot, counted_by_hand: bool) -> tuple[str, str]:
    """The rep counter's two texts: the reps, and the tempo phase or elapsed time."""
    seg = snap.segment
    reps = phase = ""
    if is_open_set(seg) and snap.state != "finished":
        # The count is the big number; here: what Done records, and the time taken.
        # A test's reps are only what the runner counts: untouched, it is saved uncounted.
        saves = "no reps" if seg.test else str(seg.reps)
        reps = "reps counted" if counted_by_hand else f"not counted: Done ✓ saves {saves}"
        phase = f"+{mmss(snap.elapsed)} elapsed"
    elif seg.kind == "work" and seg.reps is not None:
        reps = f"{snap.reps} / {seg.reps} reps"
    if snap.tempo_phase and seg.kind == "work" and seg.tempo is not None:
        phase = f"{snap.tempo_phase.upper()} · rep {snap.tempo_rep}"
    return reps, phase


def beat_text(snap: Snapshot) -> str:
    """The beat of a paced set ("" otherwise). A test goes up on one beat and down on the
    next, starting up with the set (beat 0); any other paced set counts its beats."""
    if snap.beat is None or snap.state == "finished":
        return ""
    word = beat_word(snap.beat, test=snap.segment.test).upper()
    return {"UP": "▲ UP", "DOWN": "▼ DOWN"}.get(word, word)


def shows_notes(segment: Segment) -> bool:
    """Whether the notes of ``segment.exercise`` show by themselves: in the get-ready,
    rest or switch before it (these segments name the work that comes next)."""
    return segment.kind in ("prepare", "rest", "switch")
