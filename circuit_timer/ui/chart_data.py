"""What the charts show, worked out without Qt or pyqtgraph: the x value of a day, which
days get a date label, each series' colour and marker, and the text summaries.

Dates are plotted as the UTC midnight of the day (seconds since the epoch), and the date
axis shows UTC, so a day stays on its own tick whatever the time zone.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from circuit_timer.core.asymmetry import (
    FLAG_BELOW,
    HEADLINE_EXERCISE,
    NOISE_HIGH,
    NOISE_LOW,
    ExerciseAsymmetry,
)
from circuit_timer.core.dates import day_month
from circuit_timer.core.pain import MEANINGFUL_CHANGE

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
