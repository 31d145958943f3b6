"""Left-right balance from tests to failure: the limb symmetry index over time.

LSI = weaker side / stronger side x 100; under 90% is the usual flag in sports rehab.
Asymmetry % = (stronger - weaker) / stronger x 100 (evidence.md, "Ankle, hip, hamstring,
and left-right balance"). Retest noise is large (about 7-13% LSI), so a single test is
shown as a starting point, and change is read over several tests.

Only measurements count (the format spec's history semantics): sets of exercises marked
``test: true`` whose reps the runner counted, in the app or with ``log --count``. Never
training sets, holds, stretches, or targets filled in for the runner. Per session and
exercise the counted reps of the left sets and of the right sets are summed; a session
in which some set of that test was not counted on either side is left out, not guessed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from circuit_timer.core.records import SetRecord, SideName

HEADLINE_EXERCISE = "single-leg-heel-raise-test"
FLAG_BELOW = 90.0
# evidence.md: heel-raise and hop retests vary by about 7-13% LSI on their own.
NOISE_LOW, NOISE_HIGH = 7, 13
# Tests are open rep sets: always measured in reps (the type keeps room for more).
Measure = Literal["reps", "seconds"]


@dataclass(frozen=True)
class SidePoint:
    """One session's left and right totals for one exercise."""

    date: date
    session_uuid: str
    left: float
    right: float
    measure: Measure
    lsi: float
    asymmetry: float
    weaker: SideName | None
    flagged: bool


@dataclass(frozen=True)
class ExerciseAsymmetry:
    """An exercise's symmetry over time; ``trend`` is latest LSI minus first LSI."""

    exercise_id: str
    name: str | None
    points: list[SidePoint]
    latest: SidePoint
    trend: float | None
    note: str


def side_point(
    day: date, session_uuid: str, left: float, right: float, measure: Measure
) -> SidePoint:
    """LSI, asymmetry and the weaker side from the two totals."""
    stronger, weaker_value = max(left, right), min(left, right)
    if stronger == 0:
        lsi, asym = 100.0, 0.0  # Both sides 0: equal, so symmetric by definition.
    else:
        # Multiply before dividing: 27 * 100 / 30 is exactly 90.0, so the flag is exact.
        lsi = weaker_value * 100 / stronger
        asym = (stronger - weaker_value) * 100 / stronger
    weaker: SideName | None = None if left == right else ("left" if left < right else "right")
    return SidePoint(day, session_uuid, left, right, measure, lsi, asym, weaker, lsi < FLAG_BELOW)


@dataclass(frozen=True)
class SideTotal:
    """One session's sets of one test on one side, summed: how many, how many were counted
    with their reps, and those reps."""

    session_uuid: str
    local_date: date
    exercise_id: str
    side: SideName
    sets: int
    complete: int
    reps: float


def side_totals(sets: Sequence[SetRecord], today: date) -> list[SideTotal]:
    """The totals of the test sets up to ``today``, in the order of each group's first set."""
    groups: dict[tuple[str, str, SideName], list[SetRecord]] = {}
    for record in sets:
        if record.test and record.side is not None and record.local_date <= today:
            key = (record.session_uuid, record.exercise_id, record.side)
            groups.setdefault(key, []).append(record)
    return [
        SideTotal(
            session_uuid=uid,
            local_date=group[0].local_date,
            exercise_id=exercise_id,
            side=side,
            sets=len(group),
            complete=sum(1 for s in group if s.counted and s.reps_done is not None),
            reps=float(sum(s.reps_done or 0 for s in group)),
        )
        for (uid, exercise_id, side), group in groups.items()
    ]


def names_of_tests(sets: Sequence[SetRecord], today: date) -> dict[str, str]:
    """Each test's name as its last named set up to ``today`` gives it."""
    names: dict[str, str] = {}
    for record in sets:
        counts = record.test and record.side is not None and record.local_date <= today
        if counts and record.exercise_name:
            names[record.exercise_id] = record.exercise_name
    return names


def _point(group: Sequence[SideTotal]) -> SidePoint | None:
    """A session's point for one test, or None unless every set of it was counted."""
    lefts = [t for t in group if t.side == "left"]
    rights = [t for t in group if t.side == "right"]
    if not lefts or not rights:
        return None
    if not all(t.complete == t.sets for t in group):
        return None
    left = float(sum(t.reps for t in lefts))
    right = float(sum(t.reps for t in rights))
    return side_point(group[0].local_date, group[0].session_uuid, left, right, "reps")


def _pct(value: float) -> str:
    """A percentage for people: at most one decimal, no trailing ".0"."""
    return f"{round(value, 1):g}%"


def _describe(point: SidePoint) -> str:
    side = f"{point.weaker} side weaker" if point.weaker else "both sides equal"
    flag = ", under the usual 90% flag" if point.flagged else ""
    return f"LSI {_pct(point.lsi)} ({side}{flag})"


def note_for(points: Sequence[SidePoint]) -> str:
    """Plain words on the trend; a single test is never read as a verdict."""
    latest = points[-1]
    if len(points) == 1:
        return (
            f"{_describe(latest)}. One test is not a verdict: retests vary by about "
            f"{NOISE_LOW}-{NOISE_HIGH}% LSI on their own, so test again and watch the trend."
        )
    first = points[0]
    change = latest.lsi - first.lsi
    text = (
        f"Over {len(points)} sessions LSI went from {_pct(first.lsi)} to "
        f"{_pct(latest.lsi)} ({change:+.1f} points). Latest: {_describe(latest)}."
    )
    if abs(change) < NOISE_LOW:
        return text + (
            f" A change this small is within retest noise (about {NOISE_LOW}-{NOISE_HIGH}% LSI)."
        )
    if change > 0:
        return text + " Left and right are getting closer."
    return text + " Left and right are drifting apart."


def asymmetry(
    sets: Sequence[SetRecord], today: date, headline: str = HEADLINE_EXERCISE
) -> list[ExerciseAsymmetry]:
    """Symmetry per per-side test: ``headline`` first, then by exercise id."""
    return asymmetry_of_totals(side_totals(sets, today), names_of_tests(sets, today), headline)


def asymmetry_of_totals(
    totals: Sequence[SideTotal], names: Mapping[str, str], headline: str = HEADLINE_EXERCISE
) -> list[ExerciseAsymmetry]:
    """``asymmetry`` from per-side totals already limited to a day (the store keeps them).

    ``totals`` come in the order of each group's first set: two sessions on one date keep
    that order.
    """
    groups: dict[tuple[str, str], list[SideTotal]] = {}
    for total in totals:
        groups.setdefault((total.exercise_id, total.session_uuid), []).append(total)

    per_exercise: dict[str, list[SidePoint]] = {}
    for (exercise_id, _), group in groups.items():
        point = _point(group)
        if point is not None:
            per_exercise.setdefault(exercise_id, []).append(point)

    result = []
    for exercise_id in sorted(per_exercise, key=lambda e: (e != headline, e)):
        points = sorted(per_exercise[exercise_id], key=lambda p: p.date)
        trend = points[-1].lsi - points[0].lsi if len(points) > 1 else None
        result.append(
            ExerciseAsymmetry(
                exercise_id=exercise_id,
                name=names.get(exercise_id),
                points=points,
                latest=points[-1],
                trend=trend,
                note=note_for(points),
            )
        )
    return result
