"""How a segment of the timeline is said, by every face: its kind, its dose, where in the
circuit it is, and a paced set's beat.

The window and the terminal lay these out their own way (the window in a badge and
lines read from two metres, the terminal on one line); the words are the same.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from circuit_timer.core.describe import hold_words, plural

if TYPE_CHECKING:  # the kind words colour the window's theme before any timeline exists
    from circuit_timer.core.timeline import Segment

KIND_WORDS = {
    "prepare": "GET READY",
    "work": "WORK",
    "hold": "HOLD",
    "rest": "REST",
    "switch": "SWITCH SIDES",
}


def is_open_set(segment: Segment) -> bool:
    """A rep set with no clock: it ends when the runner marks it done."""
    return segment.kind == "work" and segment.seconds is None and segment.reps is not None


def tempo_words(segment: Segment) -> str:
    """The tempo as "3-2-3" ("" without one)."""
    return "-".join(str(p) for p in segment.tempo) if segment.tempo is not None else ""


def dose_words(segment: Segment) -> str:
    """One set's dose: "12 reps", "30 s hold", "5 x 45 s hold", "30 s"."""
    if segment.kind == "hold":
        return hold_words(segment.reps or 1, segment.seconds)
    if segment.reps is not None:
        return plural(segment.reps, "rep")
    return f"{segment.seconds} s"


def position_parts(segment: Segment, *, rounds: bool = True) -> list[str]:
    """Where in the circuit the segment is: "set 2/3", "round 1/2" (unless not
    ``rounds``), "hold 4/10"; only the counts that are more than one."""
    parts = []
    if segment.sets > 1:
        parts.append(f"set {segment.set}/{segment.sets}")
    if rounds and segment.rounds > 1:
        parts.append(f"round {segment.round}/{segment.rounds}")
    if segment.kind == "hold":
        parts.append(f"hold {segment.rep}/{segment.reps}")
    return parts


def beat_on(beat: int) -> bool:
    """Whether ``beat`` is an on-beat (the up of a test): beats 0, 2, 4..."""
    return beat % 2 == 0


def beat_word(beat: int, *, test: bool) -> str:
    """A paced set's beat: a test goes "UP" on the set's start (beat 0) and "DOWN" on the
    next; any other paced set counts its beats ("beat 3")."""
    if test:
        return "UP" if beat_on(beat) else "DOWN"
    return f"beat {beat}"
