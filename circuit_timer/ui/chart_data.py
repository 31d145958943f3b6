"""What the charts show, worked out without Qt or pyqtgraph: the x value of a day, which
days get a date label, each series' colour and marker, and the text summaries.

Dates are plotted as the UTC midnight of the day (seconds since the epoch), and the date
axis shows UTC, so a day stays on its own tick whatever the time zone.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from circuit_timer.core.asymmetry import (
    FLAG_BELOW,
    HEADLINE_EXERCISE,
    NOISE_HIGH,
    NOISE_LOW,
    ExerciseAsymmetry,
)
from circuit_timer.core.dates import day_month
from circuit_timer.core.ladder import BACK, CircuitOf, ladder_exercise, step_change
from circuit_timer.core.model import Adjustment, Exercise, Plan
from circuit_timer.core.pain import MEANINGFUL_CHANGE
from circuit_timer.core.progression import dose_words
from circuit_timer.core.records import SessionRecord

DAY = 86_400.0

# Okabe-Ito colours, in the order the exercises get them; the headline takes the first.
# Dark themes swap in the lighter members of the palette so every line keeps its contrast.
LIGHT_SERIES = ("#D55E00", "#0072B2", "#009E73", "#CC79A7", "#E69F00", "#56B4E9")
DARK_SERIES = ("#E69F00", "#56B4E9", "#009E73", "#CC79A7", "#F0E442", "#D55E00")
SYMBOLS = ("o", "s", "t", "d", "star", "p")
PAIN_LIGHT, PAIN_DARK = "#0072B2", "#56B4E9"  # blue, sky blue

Ticks = list[list[tuple[float, str]]]


def timestamp(day: date) -> float:
    """The x value of a day: its UTC midnight in seconds since the epoch."""
    return float(calendar.timegm(day.timetuple()))


def exercise_label(item: ExerciseAsymmetry) -> str:
    """The exercise's name, or its id made readable."""
    return item.name or item.exercise_id.replace("-", " ").capitalize()


def _pct(value: float) -> str:
    return f"{round(value, 1):g}%"


def series_look(n: int, dark: bool) -> tuple[str, str]:
    """The colour and marker of the ``n``-th series: the colours go round first, and each
    time round the markers move on one, so no two series share both (up to 36)."""
    colours = DARK_SERIES if dark else LIGHT_SERIES
    lap, colour = divmod(n, len(colours))
    return colours[colour], SYMBOLS[(colour + lap) % len(SYMBOLS)]


def tick_step(days: int, day_width: float, label_width: float) -> int | None:
    """Days between labelled ticks: every day if the labels fit at ``day_width`` pixels a
    day, else every other day, every week, every two weeks...; None (the axis chooses)
    past about ten weeks."""
    if days > 75:
        return None
    steps: list[int] = [1, 2, *range(7, days + 7, 7)]
    for step in steps:
        if step * day_width >= label_width:
            return step
    return days or 1


def day_ticks(first: date, last: date, step: int | None) -> Ticks | None:
    """Whole-day ticks from ``first`` to ``last``, one label every ``step`` days counted
    back from ``last`` so the latest day always has its date; None lets the axis choose."""
    days = (last - first).days
    if step is None:
        return None
    major = []
    for n in range(days, -1, -step):
        day = first + timedelta(days=n)
        major.append((timestamp(day), day_month(day)))
    minor = [(timestamp(first + timedelta(days=n)), "") for n in range(days + 1)]
    return [major[::-1], minor]


def pain_summary(points: list[tuple[date, int]], shaded: list[date]) -> str:
    """The pain chart in words: ``points`` (date, score) in date order, at least one, and
    the ``shaded`` session days."""
    (first_day, first), (last_day, latest) = points[0], points[-1]
    days = (last_day - first_day).days + 1
    change = latest - first
    if len(points) == 1:
        text = f"Morning pain {latest}/10 on {day_month(last_day)}; one entry so far."
    else:
        text = f"Morning pain {first} \u2192 {latest} over {days} days"
        if abs(change) >= MEANINGFUL_CHANGE:
            way = "down" if change < 0 else "up"
            text += (
                f": {way} {abs(change)} points, a meaningful change "
                f"({MEANINGFUL_CHANGE} points or more)."
            )
        else:
            text += (
                f": a change under {MEANINGFUL_CHANGE} points, which is not yet "
                "a meaningful change."
            )
    count = len(shaded)
    return text + (f" {count} session day{'s' * (count != 1)} shaded." if count else "")


def symmetry_summary(items: list[ExerciseAsymmetry]) -> str:
    """The balance chart in words: ``items`` in drawing order (the headline test first),
    at least one."""
    head = items[0]
    latest = head.latest
    name = exercise_label(head)
    headline = head.exercise_id == HEADLINE_EXERCISE
    text = "" if headline else "No single-leg heel-raise test yet. "
    side = f"{latest.weaker} side weaker" if latest.weaker else "both sides equal"
    flag = f", under the {FLAG_BELOW:g}% flag" if latest.flagged else ""
    text += f"{name}: latest LSI {_pct(latest.lsi)} on {day_month(latest.date)} ({side}{flag})."
    if len(head.points) > 1:
        text += f" It was {_pct(head.points[0].lsi)} at the first of {len(head.points)} tests."
    others = [
        f"{exercise_label(i)} {_pct(i.latest.lsi)}"
        + (f" ({i.latest.weaker} weaker)" if i.latest.weaker else "")
        for i in items[1:]
    ]
    if others:
        text += " Latest for the others: " + "; ".join(others) + "."
    text += (
        f" Retests vary by about {NOISE_LOW}-{NOISE_HIGH}% LSI on their own, "
        "so read the trend over several tests, not one."
    )
    return text


# -- earned load: the ladder step and load of each session ---------------------------


@dataclass(frozen=True)
class LadderPoint:
    """One completed session of a laddered exercise: the step it was done at (0-based,
    ``BACK`` below the first, None: run as the plan is written, off the ladder) and the
    heaviest load entered for the exercise (None: none entered; ``bodyweight``: only
    bodyweight was entered)."""

    date: date
    step: int | None
    load_kg: float | None = None
    bodyweight: bool = False


@dataclass(frozen=True)
class LadderSeries:
    """A laddered exercise's sessions in date order, with each step's dose in words
    (``doses[i]`` for step i; ``back`` for the rung below the first)."""

    exercise_id: str
    name: str
    doses: tuple[str, ...]
    back: str
    points: tuple[LadderPoint, ...]


def step_height(step: int) -> float:
    """The y of a step: 1 for the first, N for the last, 0 for the rung below the first."""
    return 0.0 if step == BACK else float(step + 1)


def load_words(point: LadderPoint) -> str | None:
    """The load as entered: "7.5 kg", "bodyweight", or None when none was."""
    if point.load_kg is not None:
        return f"{point.load_kg:g} kg"
    return "bodyweight" if point.bodyweight else None


def _short_dose(change: Adjustment, exercise: Exercise) -> str:
    # Sets x reps only: the load's own words are the runner's to read on the Plan page.
    return dose_words(change, exercise.model_copy(update={"load": None})).split(", load")[0]


def ladder_series(
    plan: Plan,
    circuit_of: CircuitOf,
    steps: dict[str, dict[str, int | None]],
    sessions: list[SessionRecord],
    loads: dict[str, list[dict[str, Any]]],
) -> list[LadderSeries]:
    """Per ladder of ``plan`` (in its order), the completed ``sessions`` that recorded a
    step for it, from the store's ``ladder_steps`` and ``loads_by_session``. A partial
    session is left out, as the progression rule leaves it out."""
    result = []
    for exercise_id, ladder in plan.progression.items():
        exercise = ladder_exercise(plan, exercise_id, circuit_of)
        if exercise is None:
            continue
        points = []
        for record in sessions:
            by_exercise = steps.get(record.uuid, {})
            if record.status != "completed" or exercise_id not in by_exercise:
                continue
            sets = [s for s in loads.get(record.uuid, []) if s["exercise_id"] == exercise_id]
            kgs = [float(s["load_kg"]) for s in sets if s["load_kg"] is not None]
            points.append(
                LadderPoint(
                    record.local_date,
                    by_exercise[exercise_id],
                    max(kgs) if kgs else None,
                    bodyweight=not kgs and any(s["bodyweight"] for s in sets),
                )
            )
        doses = tuple(_short_dose(step, exercise) for step in ladder.steps)
        back = _short_dose(step_change(ladder, BACK, exercise), exercise)
        result.append(LadderSeries(exercise_id, exercise.name, doses, back, tuple(points)))
    return result


def ladder_summary(series: LadderSeries) -> str:
    """One ladder in words: where the runner stands and since when, and the last load.
    Sessions run as written have no step and say so."""
    stepped = [p for p in series.points if p.step is not None]
    if not stepped:
        text = f"{series.name}: no session on the ladder yet."
    else:
        latest = stepped[-1]
        since = latest.date
        for point in reversed(stepped):
            if point.step != latest.step:
                break
            since = point.date
        assert latest.step is not None
        if latest.step == BACK:
            where = f"a step back below step 1 ({series.back})"
        else:
            where = f"step {latest.step + 1} of {len(series.doses)} ({series.doses[latest.step]})"
        text = f"{series.name}: {where} since {day_month(since)}"
        loaded = [p for p in series.points if load_words(p) is not None]
        text += f"; last load {load_words(loaded[-1])}." if loaded else "; no load entered yet."
    written = len(series.points) - len(stepped)
    if written:
        text += (
            f" {written} session{'s' * (written != 1)} run as the plan is written "
            "(no step): a gap in the line."
        )
    return text
