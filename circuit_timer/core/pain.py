"""Pain scores, 0-10: the morning trend, and advice after a session.

Two rules from the domain notes (evidence.md, "What runners track"):

- First-step morning pain: a change of about 2 points is meaningful (Landorf 2010).
- Pain during and after loading (Silbernagel 2007): 0-3 is safe, 4-5 is acceptable,
  above 5 is too much; and pain must not be worse the next morning. If it is too much
  or worse the next morning, the next session should be lighter.

The messages give training advice in plain words, never a diagnosis.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction
from typing import Literal

from circuit_timer.core.records import PainEntry, PainKind, SessionRecord

Direction = Literal["better", "worse", "steady", "unknown"]
PainLevel = Literal["none", "safe", "acceptable", "too-much"]

# Landorf 2010: about 2 points on a 0-10 scale is a change a runner can feel.
MEANINGFUL_CHANGE = 2
# Morning-pain averages compare the last 7 days with an entry to the 7 before them.
AVERAGE_DAYS = 7
SAFE_MAX = 3
ACCEPTABLE_MAX = 5

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
class PainAdvice:
    """What the pain scores of the last session say about the next one."""

    level: PainLevel
    lighter_next_time: bool
    message: str
    reasons: list[str]


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
    points = morning_points(entries, today)
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


def pain_advice(
    entries: Sequence[PainEntry], sessions: Sequence[SessionRecord], today: date
) -> PainAdvice:
    """Advice from the most recent session up to ``today`` (completed or partial)."""
    past = [s for s in sessions if s.local_date <= today]
    if not past:
        return PainAdvice("none", False, "No session yet, so there is no pain to check.", [])
    last = max(past, key=lambda s: (s.local_date, s.started_at))

    reasons: list[str] = []
    lighter: list[str] = []
    level: PainLevel = "none"
    worst: tuple[int, str] | None = None  # The highest during/after score and its sentence.
    for kind in SESSION_KINDS:
        score = _session_score(last, kind, entries)
        if score is None:
            continue
        band = pain_level(score)
        sentence = f"Pain {kind} your last session was {score}/10: {_BAND_WORDS[band]}."
        reasons.append(sentence)
        if band == "too-much":
            lighter.append(sentence)
        if worst is None or score > worst[0]:
            worst, level = (score, sentence), band

    points = morning_points(entries, today)
    next_day = last.local_date + timedelta(days=1)
    before = [v for d, v in points if d <= last.local_date]
    after = [v for d, v in points if d == next_day]
    morning_known = bool(before and after)
    if morning_known:
        if after[-1] > before[-1]:
            sentence = (
                f"Your first-step pain the morning after was {after[-1]}/10, up from "
                f"{before[-1]}/10 before the session: it should not be worse the next morning."
            )
            reasons.append(sentence)
            lighter.append(sentence)
        else:
            reasons.append(
                f"Your first-step pain the morning after was {after[-1]}/10, no worse than "
                f"{before[-1]}/10 before the session."
            )

    if lighter:
        message = " ".join([*lighter, LIGHTER])
    elif worst is None:
        message = "No pain score was recorded for your last session."
    elif level == "safe":
        message = f"{worst[1]} You can keep the planned load."
    else:
        message = f"{worst[1]} You can keep the planned load, but do not add to it yet."
    if not lighter and not morning_known:
        message += (
            " If your first steps the next morning hurt more than before the session, "
            "go lighter next time."
        )
    return PainAdvice(level, bool(lighter), message, reasons)
