"""Plain-text descriptions of circuits, doses and plans, for the terminal and the window."""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    # The words (plural, CLINICIAN_NOTE...) are on the window's first-paint path; the
    # models (and pydantic) are imported by the functions that describe them.
    from circuit_timer.core.model import Adjustment, Circuit, Exercise, Plan, Session
    from circuit_timer.core.timeline import Timeline

# Wide enough for a cue on one line, narrow enough to read as a paragraph.
TEXT_WIDTH = 88

CLINICIAN_NOTE = (
    "Not a substitute for a clinician: if pain is sharp, getting worse, or does not settle, "
    "see a physiotherapist or doctor."
)


def plural(count: int, word: str, many: str | None = None) -> str:
    """ "1 block", "2 blocks"; ``many`` for the irregular ones ("1 entry", "2 entries")."""
    return f"{count} {word}" if count == 1 else f"{count} {many or word + 's'}"


def counted(counts: Sequence[tuple[int, str, str]]) -> str:
    """ "12 sessions, 340 sets and 1 pain entry" from (count, one, many); zeros left out."""
    parts = [plural(n, one, many) for n, one, many in counts if n]
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def import_summary(
    sessions: int, sets: int, pain_entries: int, plan_enrolments: int, skipped: int
) -> str:
    """What an import added, for the runner: only the kinds added, and what was skipped."""
    added = counted(
        [
            (sessions, "session", "sessions"),
            (sets, "set", "sets"),
            (pain_entries, "pain entry", "pain entries"),
            (plan_enrolments, "plan enrolment", "plan enrolments"),
        ]
    )
    if not added:
        if skipped:
            return "Nothing new: everything in that file is already in your history."
        return "Nothing new: that file holds no sessions, sets, pain entries or plans."
    if skipped:
        return f"Imported {added}; {skipped} {'was' if skipped == 1 else 'were'} already here."
    return f"Imported {added}."


def week_name(weeks_out: int) -> str:
    """ "race week", "1 week out", "3 weeks out"."""
    return "race week" if weeks_out == 0 else f"{plural(weeks_out, 'week')} out"


def week_heading(weeks_out: int, label: str | None) -> str:
    """ "3 weeks out: Load: 4 x 10RM"; a label that only repeats the name is left out
    (never "race week: Race week")."""
    name = week_name(weeks_out)
    if not label or label.strip().lower() == name:
        return name
    return f"{name}: {label}"


def plan_length(plan: Plan) -> str:
    """How long a plan runs, as its weeks are counted back from race day.

    "4 weeks + race week" rather than "5 weeks": a plan sold as "3-4 weeks to race day"
    starts 4 weeks out and ends with the race week, and the words say exactly that.
    """
    weeks = {week.weeks_out for week in plan.weeks}
    first, last = max(weeks), min(weeks)
    if first == 0:
        return "race week"
    before = plural(first - max(last, 1) + 1, "week")
    if last == 0:
        return f"{before} + race week"
    if last == 1:
        return before
    return f"{before}, to {week_name(last)}"


def clock(seconds: float) -> str:
    """Seconds as m:ss (or h:mm:ss)."""
    whole = round(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def minutes(seconds: float) -> int:
    """Whole minutes, rounded, for "about N min"."""
    return round(seconds / 60)


def hold_words(holds: int, seconds: int | None) -> str:
    """ "30 s hold", "10 x 10 s hold"."""
    hold = f"{seconds} s hold"
    return hold if holds == 1 else f"{holds} x {hold}"


def dose_text(exercise: Exercise) -> str:
    """One set's dose in words: "12 reps at 3-2-3", "10 x 10 s hold", "30 s"."""
    if exercise.dose == "timed":
        return f"{exercise.work} s"
    if exercise.dose == "hold":
        return hold_words(exercise.reps or 1, exercise.hold)
    if exercise.dose == "tempo":
        assert exercise.tempo is not None
        tempo = "-".join(str(p) for p in exercise.tempo)
        return f"{plural(exercise.reps or 0, 'rep')} at tempo {tempo}"
    reps = plural(exercise.reps or 0, "rep")
    text = f"to failure (about {reps})" if exercise.test else reps
    return f"{text} on a beat of {exercise.pace} a minute" if exercise.pace else text


def exercise_line(circuit: Circuit, exercise: Exercise) -> str:
    """ "3 x 12 reps at tempo 3-2-3, each side, rest 60 s"."""
    parts = [
        f"{exercise.sets} x {dose_text(exercise)}" if exercise.sets > 1 else dose_text(exercise)
    ]
    if exercise.sides == "each":
        parts.append("each side")
    if exercise.sets > 1:
        parts.append(f"rest {circuit.exercise_rest(exercise)} s")
    return ", ".join(parts)


def wrapped(text: str, first: str, rest: str, width: int) -> list[str]:
    """``text`` wrapped to ``width``: the first line after ``first``, the others after
    ``rest``; never narrower than 30 characters of text, so a tiny terminal still reads."""
    width = max(width, len(rest) + 30)
    return textwrap.wrap(
        " ".join(text.split()),
        width=width,
        initial_indent=first,
        subsequent_indent=rest,
        break_long_words=False,
        break_on_hyphens=False,
    )


def describe_circuit(
    circuit: Circuit, timeline: Timeline | None = None, width: int = TEXT_WIDTH
) -> str:
    """The circuit as a reader wants it: blocks, exercises, doses, sides, rests, time, and
    each exercise's load and notes (wrapped to ``width``) above its cues."""
    from circuit_timer.core.timeline import compile_timeline

    timeline = timeline or compile_timeline(circuit)
    d = circuit.defaults
    lines = [f"{circuit.title}  [{circuit.id}]"]
    if circuit.summary:
        lines.extend(wrapped(circuit.summary, "", "", width))
    lines.append(
        f"About {minutes(timeline.estimated_seconds)} min "
        f"({clock(timeline.estimated_seconds)}), {plural(len(circuit.blocks), 'block')}"
    )
    if circuit.equipment:
        lines.append("Equipment: " + ", ".join(circuit.equipment))
    lines.append(
        f"Prepare {d.prepare} s; rest {d.rest} s between sets, "
        f"{d.rest_between_exercises} s between exercises; switch sides {d.switch_sides} s"
    )
    for b, block in enumerate(circuit.blocks):
        rounds = ""
        if block.rounds > 1:
            rounds = f", {block.rounds} rounds, {circuit.rest_between_rounds(b)} s between rounds"
        lines.append("")
        lines.append(f"{b + 1}. {circuit.block_title(b)} ({block.kind}{rounds})")
        for exercise in block.exercises:
            lines.append(f"   - {exercise.name}: {exercise_line(circuit, exercise)}")
            # The notes carry the safety lines (pain bands, red flags, a test's rules), so
            # they come before the cues, where a reader cannot miss them.
            if exercise.load:
                lines.extend(wrapped(exercise.load, "       load: ", " " * 13, width))
            if exercise.notes:
                lines.extend(wrapped(exercise.notes, "       notes: ", " " * 14, width))
            for cue in exercise.cues:
                lines.append(f"       > {cue}")
    lines.append("")
    lines.append(CLINICIAN_NOTE)
    return "\n".join(lines)


def scale_words(scale: float) -> str:
    """A plan's ``scale`` in words: "half the sets", not "sets x 0.5"."""
    named = {
        0.25: "a quarter of the sets",
        0.5: "half the sets",
        0.75: "three quarters of the sets",
        1.0: "the sets as written",
        1.5: "one and a half times the sets",
        2.0: "twice the sets",
    }
    if scale in named:
        return named[scale]
    return f"{round(scale * 100):g}% of the sets, rounded up"


def volume_text(exercise: Exercise, *, short: bool = False) -> str:
    """Sets and dose together: "4 x 10 reps at tempo 3-2-3", "3 x 10 s"; ``short`` leaves
    out the tempo and the beat ("3 x 12 reps"), for a dose said right after the full one."""
    if short and exercise.dose in ("tempo", "open"):
        return f"{exercise.sets} x {plural(exercise.reps or 0, 'rep')}"
    return f"{exercise.sets} x {dose_text(exercise)}"


def _find(circuit: Circuit, exercise_id: str) -> Exercise | None:
    return next(
        (ex for block in circuit.blocks for ex in block.exercises if ex.id == exercise_id), None
    )


VOLUME_FIELDS = frozenset({"sets", "reps", "work", "hold"})


@dataclass(frozen=True)
class ExerciseChange:
    """One exercise a plan session adjusts: as its file has it (``before``) and as the
    session runs it (``after``); both None when its circuit is not at hand or does not
    hold it."""

    exercise_id: str
    change: Adjustment
    before: Exercise | None
    after: Exercise | None

    @property
    def fields(self) -> dict[str, object]:
        """The adjustment's fields the plan sets."""
        return self.change.model_dump(exclude_none=True)

    @property
    def volume(self) -> bool:
        """Whether the plan changes the sets or the dose."""
        return bool(self.fields.keys() & VOLUME_FIELDS)


def plan_changes(session: Session, circuit: Circuit | None) -> list[ExerciseChange]:
    """Each exercise a plan session adjusts, before and after, in the plan's order (its
    ``scale`` is ``session.scale``). The command line and the window say these in their
    own words (``session_changes`` here, ``plan_words.session_changes``)."""
    from circuit_timer.core.adjust import apply_session

    adjusted = apply_session(circuit, session) if circuit is not None else None
    return [
        ExerciseChange(
            exercise_id,
            change,
            _find(circuit, exercise_id) if circuit is not None else None,
            _find(adjusted, exercise_id) if adjusted is not None else None,
        )
        for exercise_id, change in session.adjust.items()
    ]


def _unknown_change(exercise_id: str, change: Adjustment) -> str:
    """An adjustment whose circuit is not at hand: its own words, keyed by the id."""
    parts = [plural(change.sets, "set")] if change.sets is not None else []
    if change.reps is not None:
        parts.append(plural(change.reps, "rep"))
    if change.work is not None:
        parts.append(f"{change.work} s of work")
    if change.hold is not None:
        parts.append(f"{change.hold} s holds")
    if change.load is not None:
        parts.append(f"load: {change.load}")
    return f"{exercise_id}: {', '.join(parts)}"


def session_changes(session: Session, circuit: Circuit | None) -> list[str]:
    """What a plan session changes in its circuit, one line each: "half the sets", then
    "Single-leg heel raise, towel under the toes: 4 x 10 reps at tempo 3-2-3 (usually
    3 x 12 reps at tempo 3-2-3); load: 10RM: ...".

    ``circuit`` is the circuit as its file has it; without it an exercise goes by its id.
    """
    changes = [scale_words(session.scale)] if session.scale is not None else []
    for found in plan_changes(session, circuit):
        before, after = found.before, found.after
        if before is None or after is None:
            changes.append(_unknown_change(found.exercise_id, found.change))
            continue
        parts = []
        if found.volume:
            now, usual = volume_text(after), volume_text(before, short=True)
            same = volume_text(before) == now
            parts.append(now if same else f"{now} (usually {usual})")
        if after.load and "load" in found.fields:
            parts.append(f"load: {after.load}")
        changes.append(f"{after.name}: {'; '.join(parts)}")
    return changes


def describe_plan(
    plan: Plan,
    circuit_of: Callable[[str], Circuit | None] | None = None,
    width: int = TEXT_WIDTH,
) -> str:
    """The plan week by week, counted back from race day.

    ``circuit_of`` finds a circuit by id (``Library.circuit``), so that a session's
    changes name the exercise and say the new dose beside the usual one.
    """
    lines = [f"{plan.title}  [{plan.id}]"]
    if plan.summary:
        lines.extend(wrapped(plan.summary, "", "", width))
    lines.append(f"Runs {plan_length(plan)}, counted back from your race date.")
    for week in sorted(plan.weeks, key=lambda w: -w.weeks_out):
        lines.append("")
        lines.append(week_heading(week.weeks_out, week.label))
        if not week.sessions:
            lines.append("   (no sessions)")
        for session in week.sessions:
            day = session.day or f"{plural(session.days_before_race or 0, 'day')} before the race"
            lines.append(f"   - {day}: {session.circuit}")
            circuit = circuit_of(session.circuit) if circuit_of is not None else None
            for change in session_changes(session, circuit):
                lines.extend(wrapped(change, "       ", " " * 9, width))
    lines.append("")
    lines.append(CLINICIAN_NOTE)
    return "\n".join(lines)
