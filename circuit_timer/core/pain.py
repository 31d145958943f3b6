"""Pain scores, 0-10: the morning trend, and advice after a session.

From the domain notes (evidence.md, "What runners track"): a change of about 2 points in
first-step morning pain is meaningful (Landorf 2010), and the pain-monitoring rule
(Silbernagel 2007) has three clauses:

1. during-after: pain during and after loading at most 5/10 (0-3 safe, 4-5 acceptable,
   above 5 too much);
2. next-morning: first-step pain the next morning no worse than on the morning of the
   session (a morning score more than 2 days older than the session is no baseline);
3. week-to-week: morning pain not rising from week to week (the trend below: the last 7
   scored mornings against the 7 before, 2 points meaningful).

Any clause broken: lighter next time, and the advice names the clause that decided.
A score that was not entered is absent, never 0: a clause without its scores is
"unknown", not kept.

The messages give training advice in plain words, never a diagnosis.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from fractions import Fraction
from typing import Literal

from circuit_timer.core.dates import day_month
from circuit_timer.core.records import PainEntry, PainKind, SessionRecord

Direction = Literal["better", "worse", "steady", "unknown"]
PainLevel = Literal["none", "safe", "acceptable", "too-much"]

# Landorf 2010: about 2 points on a 0-10 scale is a change a runner can feel.
MEANINGFUL_CHANGE = 2
# Morning-pain averages compare the last 7 days with an entry to the 7 before them.
AVERAGE_DAYS = 7
SAFE_MAX = 3
ACCEPTABLE_MAX = 5

# A morning score more than this many days before a session is no baseline for it.
BASELINE_MAX_AGE = 2

SESSION_KINDS: tuple[PainKind, ...] = ("during", "after")

LIGHTER = "Reduce the load next session."


@dataclass(frozen=True)
class PainTrend:
    """First-step morning pain over time.

    ``points`` holds one score per date (the last entry given for that date), oldest
    first. ``recent_average`` is the mean of the last 7 points (days with an entry, up
    to today), ``previous_average`` the mean of the up to 7 points before those.
    ``direction`` is "better" or "worse" only when the change is meaningful (at least
    2 points), "steady" when it is smaller and "unknown" without two averages.
    """

    points: list[tuple[date, int]]
    first: int | None
    latest: int | None
    recent_average: float | None
    previous_average: float | None
    change: float | None
    meaningful: bool
    direction: Direction


@dataclass(frozen=True)
class WeekAverages:
    """The morning-pain averages the week-to-week clause compares: ``recent`` over the last
    ``recent_mornings`` scored (7), ``previous`` over the ``previous_mornings`` before those
    (up to 7: fewer while fewer than 14 mornings are scored)."""

    previous: float
    recent: float
    previous_mornings: int
    recent_mornings: int

    def before(self) -> str:
        """The earlier mornings as every face says them: "the 7 before", "the one before"."""
        n = self.previous_mornings
        return "the one before" if n == 1 else f"the {n} before"


def week_averages(trend: PainTrend) -> WeekAverages | None:
    """The averages ``trend`` compares, with how many mornings each has; None without two."""
    if trend.recent_average is None or trend.previous_average is None:
        return None
    recent = min(AVERAGE_DAYS, len(trend.points))
    previous = min(AVERAGE_DAYS, len(trend.points) - recent)
    return WeekAverages(trend.previous_average, trend.recent_average, previous, recent)


Clause = Literal["during-after", "next-morning", "week-to-week"]
CLAUSES: tuple[Clause, ...] = ("during-after", "next-morning", "week-to-week")
ClauseStatus = Literal["kept", "broken", "unknown"]


@dataclass(frozen=True)
class ClauseCheck:
    """One clause of the pain-monitoring rule as the scores show it.

    ``unknown`` when the scores it needs were not entered: an absent score is never safe.
    """

    clause: Clause
    status: ClauseStatus
    reason: str


@dataclass(frozen=True)
class PainAdvice:
    """What the pain scores say about the next session.

    ``clause`` is the clause that decided "lighter next time" (the first broken one, in
    the order during-after, next-morning, week-to-week), None when none is broken.
    ``reason`` is the sentence behind the advice; ``checks`` has every clause. ``week``:
    the morning averages the week-to-week clause compared (None without two).
    """

    level: PainLevel
    lighter_next_time: bool
    message: str
    reasons: list[str]
    clause: Clause | None = None
    reason: str = ""
    checks: list[ClauseCheck] = field(default_factory=list)
    week: WeekAverages | None = None


def morning_points(entries: Sequence[PainEntry], today: date) -> list[tuple[date, int]]:
    """Morning pain by date up to ``today``, the last entry given for each date, oldest first."""
    by_date: dict[date, int] = {}
    for entry in entries:
        if entry.kind == "morning" and entry.date <= today:
            by_date[entry.date] = entry.value  # A later entry for a date corrects an earlier.
    return sorted(by_date.items())


def _mean(values: Sequence[int]) -> Fraction | None:
    # Fractions keep the 2-point threshold exact: 13/7 - 27/7 is exactly -2.
    return Fraction(sum(values), len(values)) if values else None


def pain_trend(entries: Sequence[PainEntry], today: date) -> PainTrend:
    """The morning-pain trend on ``today``; other kinds and later entries are ignored."""
    return trend_of_points(morning_points(entries, today))


def trend_of_points(points: Sequence[tuple[date, int]]) -> PainTrend:
    """``pain_trend`` from the morning points already picked (``morning_points``)."""
    points = list(points)
    values = [v for _, v in points]
    recent = _mean(values[-AVERAGE_DAYS:])
    previous = _mean(values[-2 * AVERAGE_DAYS : -AVERAGE_DAYS])
    change = recent - previous if recent is not None and previous is not None else None
    meaningful = change is not None and abs(change) >= MEANINGFUL_CHANGE
    direction: Direction
    if change is None:
        direction = "unknown"
    elif not meaningful:
        direction = "steady"
    else:
        direction = "worse" if change > 0 else "better"
    return PainTrend(
        points=points,
        first=values[0] if values else None,
        latest=values[-1] if values else None,
        recent_average=None if recent is None else float(recent),
        previous_average=None if previous is None else float(previous),
        change=None if change is None else float(change),
        meaningful=meaningful,
        direction=direction,
    )


def pain_level(value: int) -> PainLevel:
    """Silbernagel's band for one during/after score."""
    if value <= SAFE_MAX:
        return "safe"
    if value <= ACCEPTABLE_MAX:
        return "acceptable"
    return "too-much"


def band_word(value: int) -> str:
    """The band of one during/after score as every face says it: "safe", "acceptable" or
    "too much"."""
    return pain_level(value).replace("-", " ")


_BAND_WORDS: dict[PainLevel, str] = {
    "safe": "0-3 is safe",
    "acceptable": "4-5 is acceptable",
    "too-much": "above 5 is too much",
}


def _session_score(
    session: SessionRecord, kind: PainKind, entries: Sequence[PainEntry]
) -> int | None:
    """The session's own score, else a separate entry of that kind on its date.

    An entry tied to this session wins over an untied one on the same date; an entry
    tied to another session is someone else's score and is ignored.
    """
    own = session.pain_during if kind == "during" else session.pain_after
    if own is not None:
        return own
    tied = untied = None
    for entry in entries:
        if entry.kind != kind or entry.date != session.local_date:
            continue
        if entry.session_uuid == session.uuid:
            tied = entry.value
        elif entry.session_uuid is None:
            untied = entry.value
    return tied if tied is not None else untied


def _during_after(
    last: SessionRecord, entries: Sequence[PainEntry]
) -> tuple[ClauseCheck, PainLevel, list[str], str | None]:
    """Clause 1: pain during and after at most 5/10, judged on the scores entered.

    Returns the check, the band of the worst score, one sentence per score, and the
    sentence of the worst score.
    """
    sentences: list[str] = []
    too_much: list[str] = []
    level: PainLevel = "none"
    worst: tuple[int, str] | None = None
    for kind in SESSION_KINDS:
        score = _session_score(last, kind, entries)
        if score is None:
            continue
        band = pain_level(score)
        sentence = f"Pain {kind} your last session was {score}/10: {_BAND_WORDS[band]}."
        sentences.append(sentence)
        if band == "too-much":
            too_much.append(sentence)
        if worst is None or score > worst[0]:
            worst, level = (score, sentence), band
    if worst is None:
        check = ClauseCheck(
            "during-after", "unknown", "No pain score was recorded for your last session."
        )
    elif too_much:
        check = ClauseCheck("during-after", "broken", " ".join(too_much))
    else:
        check = ClauseCheck("during-after", "kept", worst[1])
    return check, level, sentences, None if worst is None else worst[1]


def _next_morning(last: SessionRecord, points: Sequence[tuple[date, int]]) -> ClauseCheck:
    """Clause 2: first-step pain the next morning no worse than the morning of the session.

    The baseline is the last morning score on or before the session's day, if it is at
    most ``BASELINE_MAX_AGE`` days older than the session.
    """
    day = last.local_date
    # Points are by date, one a date: the two around the session found by bisection, so
    # years of mornings cost nothing here.
    at = bisect_right(points, day, key=lambda point: point[0])
    before = list(points[max(at - 1, 0) : at])
    after = [v for d, v in points[at : at + 1] if d == day + timedelta(days=1)]
    if before and (day - before[-1][0]).days > BASELINE_MAX_AGE:
        stale = before[-1][0]
        return ClauseCheck(
            "next-morning",
            "unknown",
            "Your last first-step morning score before the session is from "
            f"{day_month(stale, padded=True)}, "
            f"more than {BASELINE_MAX_AGE} days earlier: it is no baseline for the next "
            "morning. Score your first steps on the morning of a session.",
        )
    if not before:
        return ClauseCheck(
            "next-morning",
            "unknown",
            "There is no first-step morning score from the morning of the session to compare "
            "the next morning with.",
        )
    if not after:
        return ClauseCheck(
            "next-morning",
            "unknown",
            "If your first steps the next morning hurt more than before the session, "
            "go lighter next time.",
        )
    was, now = before[-1][1], after[-1]
    if now > was:
        return ClauseCheck(
            "next-morning",
            "broken",
            f"Your first-step pain the morning after was {now}/10, up from {was}/10 before "
            "the session: it should not be worse the next morning.",
        )
    return ClauseCheck(
        "next-morning",
        "kept",
        f"Your first-step pain the morning after was {now}/10, no worse than {was}/10 "
        "before the session.",
    )


def _week_to_week(trend: PainTrend) -> ClauseCheck:
    """Clause 3: morning pain not rising from week to week (a rise of 2 points or more)."""
    week = week_averages(trend)
    if week is None:
        return ClauseCheck(
            "week-to-week",
            "unknown",
            f"Fewer than {AVERAGE_DAYS + 1} first-step morning scores so far: "
            "there is no week-to-week trend yet.",
        )
    averages = (
        f"averaged {week.recent:.1f}/10 over the last {week.recent_mornings} mornings you "
        f"scored, against {week.previous:.1f}/10 over {week.before()}"
    )
    if trend.direction == "worse":
        return ClauseCheck(
            "week-to-week",
            "broken",
            f"Your first-step morning pain {averages}: a rise of {MEANINGFUL_CHANGE} points or "
            "more. Morning pain should not rise from week to week.",
        )
    return ClauseCheck(
        "week-to-week", "kept", f"Your first-step morning pain {averages}: not rising."
    )


def pain_advice(
    entries: Sequence[PainEntry], sessions: Sequence[SessionRecord], today: date
) -> PainAdvice:
    """The pain-monitoring rule on ``today``: its three clauses, and whether to go lighter.

    The session clauses read the most recent session up to ``today`` (completed or
    partial); the week-to-week clause reads the morning trend up to ``today``, with or
    without a session.
    """
    points = morning_points(entries, today)
    past = [s for s in sessions if s.local_date <= today]
    return advice_of(points, last_session(past), entries)


def last_session(sessions: Sequence[SessionRecord]) -> SessionRecord | None:
    """The session the advice reads: the latest by date and start time (the first of a tie)."""
    return max(sessions, key=lambda s: (s.local_date, s.started_at)) if sessions else None


def advice_of(
    points: Sequence[tuple[date, int]], last: SessionRecord | None, entries: Sequence[PainEntry]
) -> PainAdvice:
    """``pain_advice`` from what it reads: the morning points up to today, the last session
    up to today (None if none) and the pain entries on that session's date (others are
    ignored), so a store can hand over only those."""
    trend = trend_of_points(points)
    weekly, week = _week_to_week(trend), week_averages(trend)
    if last is None:
        none = "No session yet, so there is no pain to check."
        checks = [ClauseCheck(c, "unknown", none) for c in CLAUSES[:2]] + [weekly]
        if weekly.status == "broken":
            message = f"{weekly.reason} {LIGHTER}"
            return PainAdvice(
                "none", True, message, [weekly.reason], "week-to-week", weekly.reason, checks, week
            )
        return PainAdvice("none", False, none, [], None, none, checks, week)

    during_after, level, reasons, worst = _during_after(last, entries)
    morning = _next_morning(last, points)
    checks = [during_after, morning, weekly]
    reasons = [*reasons, *(c.reason for c in (morning, weekly) if c.status != "unknown")]
    broken = [c for c in checks if c.status == "broken"]
    if broken:
        message = " ".join([*(c.reason for c in broken), LIGHTER])
        decided = broken[0]
        return PainAdvice(
            level, True, message, reasons, decided.clause, decided.reason, checks, week
        )

    if worst is None:
        reason = during_after.reason
        message = reason
    elif level == "safe":
        reason = worst
        message = f"{worst} You can keep the planned load."
    else:
        reason = worst
        message = f"{worst} You can keep the planned load, but do not add to it yet."
    if morning.status == "unknown":
        message += f" {morning.reason}"
    return PainAdvice(level, False, message, reasons, None, reason, checks, week)
