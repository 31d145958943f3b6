"""What the summary says, apart from its widgets: the sets in rows, the facts line, what
was saved, the pain choice, the left-right tests and the notes with a safety rule."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from circuit_timer.core.asymmetry import FLAG_BELOW, NOISE_HIGH, NOISE_LOW, SidePoint
from circuit_timer.core.describe import clock as mmss
from circuit_timer.core.describe import plural
from circuit_timer.core.model import Circuit
from circuit_timer.core.pain import band_word
from circuit_timer.core.records import CompletedSet
from circuit_timer.session.load_entry import Load, parse_typed
from circuit_timer.store import insights
from circuit_timer.store.errors import StoreError
from circuit_timer.store.history import HistoryStore
from circuit_timer.ui.pain_scale import Choice

BANDS_TEXT = "0-3 is safe, 4-5 acceptable, above 5 too much."
NOISE_TEXT = (
    f"Retest noise is about {NOISE_LOW}-{NOISE_HIGH}%: look at the trend over several tests."
)
# A note carries a safety rule when it gives a pain score to stay under ("5/10"), refers
# to the pain rule, or says what to do when something hurts, gets worse or must stop,
# or to see a clinician. Notes that only explain (the evidence, a study, a tip for
# form) do not: "weaker in people with heel pain" is not a rule.
SAFETY_RULE = re.compile(
    r"\d\s*/\s*10|pain rule|\bhurts?\b|\bworse\b|\bstop|clinician|physio|doctor|red.flag",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Row:
    """One exercise and side in the summary (``done``: its sets, in order)."""

    exercise: str
    side: str
    sets: int
    reps: str
    seconds: float
    done: tuple[CompletedSet, ...] = field(default=(), compare=False)


def summarise(sets: list[CompletedSet]) -> list[Row]:
    """Sets and reps per exercise and side, in the order they were done."""
    grouped: dict[tuple[str, str], list[CompletedSet]] = {}
    for s in sets:
        grouped.setdefault((s.exercise_name or s.exercise_id, s.side or "\u2013"), []).append(s)
    rows = []
    for (name, side), done in grouped.items():
        targets = [s.reps_target for s in done if s.reps_target is not None]
        reps = [s.reps_done for s in done if s.reps_done is not None]
        text = f"{sum(reps)} / {sum(targets)}" if reps and targets else "\u2013"
        seconds = sum(s.seconds or 0.0 for s in done)
        rows.append(Row(name, side, len(done), text, seconds, tuple(done)))
    return rows


NO_LOAD = "\u2013"


def load_text(loads: Sequence[Load | None]) -> str:
    """The loads used in a row's sets: "5 kg", "5, 7.5 kg", "bw", "\u2013, 5 kg"; "" when
    none was entered."""
    if not any(loads):
        return ""
    words = [NO_LOAD if x is None else "bw" if x[1] else f"{x[0]:g}" for x in loads]
    if len(set(words)) == 1:
        words = words[:1]
    kg = any(x is not None and not x[1] for x in loads)
    return ", ".join(words) + (" kg" if kg else "")


def parse_loads(text: str, count: int) -> list[Load | None]:
    """The loads typed for a row of ``count`` sets: one for every set, or one per set
    separated by commas ("5, 7.5 kg"); "" or "\u2013" is none. ValueError, one line."""
    tokens = [t.strip().lower().removesuffix("kg").strip() for t in text.split(",")]
    values = [None if t in ("", "-", NO_LOAD) else parse_typed(t) for t in tokens]
    if len(values) == 1:
        return values * count
    if len(values) != count:
        raise ValueError(f"give one load for all {count} sets, or {count} separated by commas")
    return values


def facts_text(seconds: float, sets: list[CompletedSet]) -> str:
    """'Time 12:34 · 3 sets · 30 reps' (reps only where sets count them)."""
    parts = [f"Time {mmss(seconds)}", plural(len(sets), "set") if sets else "no set done"]
    counted = [s.reps_done for s in sets if s.reps_done is not None]
    if counted:
        parts.append(plural(sum(counted), "rep"))
    return " · ".join(parts)


def saved_text(done: int, saved: int | None, kept: int | None = None) -> str:
    """What the history holds of this workout, in plain words; ``kept`` counts the sets
    safe on disk (in the history or its journal, written as soon as it can take them)."""
    if saved is None:
        return "Not saved: the history could not be opened."
    if done == 0:
        return (
            "No set was completed, so this session is not in your history. Keep it to count "
            "it as a partial session, or discard it."
        )
    if saved == done:
        return f"{plural(saved, 'set')} saved to your history."
    waiting = (kept or 0) - saved
    if waiting > 0 and kept == done:
        soon = "will be written as soon as the history can take them"
        if saved == 0:
            they = "it" if done == 1 else "they"
            soon = soon.replace("them", "it") if done == 1 else soon
            return f"{plural(done, 'set')} kept safely: {they} {soon}."
        return (
            f"{saved} of {plural(done, 'set')} saved to your history; the other {waiting} {soon}."
        )
    return f"Only {saved} of {plural(done, 'set')} saved to your history (see the status bar)."


def choice_text(choice: Choice) -> str:
    """The pain choice in words, with its band: nothing is assumed for no choice."""
    if choice is None:
        return "Not chosen: nothing is saved unless you pick."
    if choice == "skip":
        return "Skipped: no score is saved."
    return f"{choice}/10: {band_word(choice)}."


def stored_pain_text(during: int | None, after: int | None, *, written: bool = True) -> str:
    """What was saved of the pain, 'not entered' for a skipped or unanswered question
    (``written``: in the history now; else kept safely, to be written)."""

    def one(value: int | None) -> str:
        return "not entered" if value is None else f"{value}/10"

    pains = f"pain during {one(during)}, pain after {one(after)}"
    if not written:
        return f"Kept safely, written as soon as the history can take it: {pains}."
    return f"Saved: {pains}."


def safety_notes(circuit: Circuit) -> list[tuple[str, str]]:
    """(exercise name, note) for each exercise whose note carries a safety rule
    (``SAFETY_RULE``: a pain score to stay under, the pain rule, what to do when it
    hurts, gets worse or must stop, a clinician), once per exercise, in circuit order."""
    found: dict[str, tuple[str, str]] = {}
    for block in circuit.blocks:
        for exercise in block.exercises:
            note = " ".join((exercise.notes or "").split())
            if note and exercise.id not in found and SAFETY_RULE.search(note):
                found[exercise.id] = (exercise.name, note)
    return list(found.values())


@dataclass(frozen=True)
class SideTest:
    """A left-right test of this workout: its point (None: not every set was counted)
    and how many tests of it the history held before."""

    exercise_id: str
    name: str
    point: SidePoint | None
    earlier: int


def side_tests(
    store: HistoryStore | None, session_uuid: str | None, sets: Sequence[CompletedSet]
) -> list[SideTest]:
    """The per-side tests done in this workout, with the LSI the history gives them:
    the same reading as `circuit-timer asymmetry` (``insights.sides``)."""
    tests: dict[str, str] = {}
    for s in sets:
        if s.test and s.side is not None:
            tests.setdefault(s.exercise_id, s.exercise_name or s.exercise_id)
    if not tests:
        return []
    found: dict[str, tuple[SidePoint, int]] = {}
    if store is not None and session_uuid is not None:
        try:
            session = store.session(session_uuid)
            items = insights.sides(store, session.local_date) if session else []
        except StoreError:
            items = []
        for item in items:
            for n, point in enumerate(item.points):
                if point.session_uuid == session_uuid:
                    found[item.exercise_id] = (point, n)
    return [
        SideTest(
            exercise_id,
            name,
            found[exercise_id][0] if exercise_id in found else None,
            found[exercise_id][1] if exercise_id in found else 0,
        )
        for exercise_id, name in tests.items()
    ]


def _num(value: float) -> str:
    return f"{value:g}"


def side_test_text(result: SideTest) -> str:
    """The test's LSI at once, how it is worked out, the flag and the retest noise."""
    return f"{result.name}: {side_test_detail(result)}"


def side_test_detail(result: SideTest) -> str:
    """``side_test_text`` after the test's name."""
    point = result.point
    if point is None:
        return (
            "not counted on every side, so no LSI. A test's reps are only the ones you "
            "count with + and -."
        )
    weak, strong = min(point.left, point.right), max(point.left, point.right)
    side = f"{point.weaker} side weaker" if point.weaker else "both sides equal"
    flag = f", under the usual {FLAG_BELOW:g}% flag" if point.flagged else ""
    earlier = (
        f" Charts shows it beside your {plural(result.earlier, 'earlier test')}."
        if result.earlier
        else ""
    )
    return (
        f"left {_num(point.left)}, right {_num(point.right)} reps. "
        f"LSI = weaker / stronger x 100 = {_num(weak)} / {_num(strong)} x 100 = "
        f"{round(point.lsi, 1):g}% ({side}{flag}). {NOISE_TEXT}{earlier}"
    )
