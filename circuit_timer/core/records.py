"""Plain records of what the runner did: what the store returns and the history maths reads.

Dates here are the runner's local dates; times are timezone-aware UTC.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

SessionStatus = Literal["completed", "partial"]
PainKind = Literal["morning", "during", "after"]
SideName = Literal["left", "right"]
PAIN_KINDS: tuple[PainKind, ...] = ("morning", "during", "after")
# The load a runner lifts in one set: above 0 and at most this, in kilograms (the store's
# CHECK says the same).
MAX_LOAD_KG = 300.0


def checked_load_kg(value: float) -> float:
    """``value`` kilograms rounded to one decimal (enough for any plate or backpack);
    ValueError with a one-line message outside 0 < kg <= 300."""
    kg = round(float(value), 1)
    if not 0 < kg <= MAX_LOAD_KG:  # NaN compares false: refused too
        raise ValueError(f"a load must be above 0 and at most {MAX_LOAD_KG:g} kg, not {value:g}")
    return kg


def load_words(load_kg: float | None, bodyweight: bool) -> str | None:
    """ "12.5 kg", "bodyweight", or None when no load was entered."""
    if bodyweight:
        return "bodyweight"
    return None if load_kg is None else f"{load_kg:g} kg"


@dataclass(frozen=True)
class SessionRecord:
    """One workout session. ``status`` is "partial" for one never finished."""

    uuid: str
    circuit_id: str
    local_date: date
    status: SessionStatus
    started_at: datetime
    ended_at: datetime | None = None
    circuit_title: str | None = None
    circuit_hash: str | None = None
    plan_id: str | None = None
    plan_week: int | None = None
    pain_during: int | None = None
    pain_after: int | None = None
    notes: str | None = None
    source: str = "app"


@dataclass(frozen=True)
class SetRecord:
    """One completed set (one side of it, for a per-side exercise)."""

    session_uuid: str
    local_date: date
    block: int
    round: int
    exercise_id: str
    set_number: int
    side: SideName | None
    reps_target: int | None
    reps_done: int | None
    seconds: float | None
    load: str | None = None
    exercise_name: str | None = None
    # "timed", "tempo", "open" or "hold": says whether reps or seconds measure the set.
    dose: str | None = None
    # The exercise is a test (a measurement to failure).
    test: bool = False
    # reps_done is the runner's own count, not a target filled in for them.
    counted: bool = False
    # The load actually lifted (``load`` is the prescription's text): kilograms, or
    # bodyweight (no added load), or neither when the runner entered none.
    load_kg: float | None = None
    bodyweight: bool = False


@dataclass(frozen=True, kw_only=True)
class CompletedSet:
    """One set (one side of it) the runner completed: what the history stores of it.

    ``counted`` is True when ``reps_done`` is the runner's own count (they pressed + or -
    in the app, or gave it with ``log --count``); an untouched open set carries its target
    instead, except a ``test`` (a measurement to failure), whose reps are only what the
    runner counted: a test set not counted has ``reps_done`` None, and is stored so.

    ``load`` is the prescription's text; ``load_kg`` or ``bodyweight`` is the load the
    runner said they used (neither: none entered, never a default shown as theirs).
    """

    block: int
    round: int
    exercise_id: str
    exercise_name: str | None = None
    set_number: int
    side: SideName | None
    reps_target: int | None
    reps_done: int | None
    seconds: float | None
    # "timed", "tempo", "open" or "hold": says whether reps or seconds measure the set.
    dose: str | None = None
    load: str | None = None
    test: bool = False
    counted: bool = False
    load_kg: float | None = None
    bodyweight: bool = False


@dataclass(frozen=True)
class PainEntry:
    """A pain score, 0-10: first-step morning pain, or pain during or after loading."""

    date: date
    kind: PainKind
    value: int
    session_uuid: str | None = None


@dataclass(frozen=True)
class Enrolment:
    """A plan followed toward a race. ``ended_on`` is set when it was replaced or stopped."""

    uuid: str
    plan_id: str
    race_date: date
    started_on: date
    ended_on: date | None = None

    def active_on(self, day: date) -> bool:
        """Whether the plan was being followed on ``day`` (up to race day)."""
        if day < self.started_on or day > self.race_date:
            return False
        return self.ended_on is None or day < self.ended_on
