"""The library page's words (no Qt): a list item's facts, what an empty list means, and
what Start does when a plan is followed."""

from __future__ import annotations

from pathlib import Path

from circuit_timer.core.describe import minutes, plan_length, plural
from circuit_timer.core.library import Entry, Library
from circuit_timer.core.model import Circuit
from circuit_timer.core.problems import Problem
from circuit_timer.core.schedule import PlannedSession
from circuit_timer.core.timeline import compile_timeline

ALL_TAGS = "All tags"
EMPTY_LIBRARY = (
    "The library is empty. Press New circuit… to write a circuit, or put "
    "circuit files in your circuits folder."
)


def item_text(entry: Entry, plan_session: tuple[PlannedSession, Circuit] | None) -> str:
    """ "Title\\n    33 min · yours · today's plan session: 22 min"."""
    doc = entry.document
    if isinstance(doc, Circuit):
        facts = [f"{minutes(compile_timeline(doc).estimated_seconds)} min"]
    else:
        facts = [f"plan, {plan_length(doc)}"]
    if entry.origin != "bundled":
        facts.append("yours, replaces the bundled one" if entry.shadows_bundled else "yours")
    if plan_session is not None and plan_session[0].circuit_id == entry.id:
        # The length above is the file's; the plan's changes make today's another.
        today = minutes(compile_timeline(plan_session[1]).estimated_seconds)
        facts.append(f"today's plan session: {today} min")
    return f"{doc.title}\n    {' · '.join(facts)}"


def no_match_text(search: str, tag: str) -> str:
    """What to do when the search (``search``, stripped) and ``tag`` hide every item."""
    what = f"“{search}”" if search else ""
    where = f"tagged “{tag}”" if tag != ALL_TAGS else ""
    match = " ".join(part for part in ("matches", what, where) if part)
    fixes = ("clear the search" if search else "", f"choose {ALL_TAGS}" if tag != ALL_TAGS else "")
    fix = " or ".join(part for part in fixes if part)
    return f"No circuit or plan {match}. To see them all, {fix}."


def as_written_note(circuit: Circuit, plan_title: str | None, done_today: bool) -> str:
    """What Start does with a circuit that is not today's plan session, when a plan is
    followed: ``plan_title`` is today's plan session's, if one is still to do."""
    if plan_title is not None:
        return (
            f"Start runs {circuit.title} as written. Today's plan session is "
            f"{plan_title}: select it to start it with the plan's changes."
        )
    if done_today:
        return f"Today's plan session is done. Start runs {circuit.title} as written."
    return f"No plan session today. Start runs {circuit.title} as written."


def by_file(problems: list[Problem]) -> dict[str, list[Problem]]:
    """``problems`` grouped by their file, in order."""
    grouped: dict[str, list[Problem]] = {}
    for problem in problems:
        grouped.setdefault(problem.path, []).append(problem)
    return grouped


def problem_text(path: str, problems: list[Problem]) -> str:
    """A broken file's list item: "⚠ name.yaml\n    6:9: unknown key 'rpes' ..."."""
    first = problems[0]
    return f"⚠ {Path(path).name}\n    {first.line}:{first.col}: {first.message}"


def library_status(library: Library) -> str:
    """ "7 circuits, 2 plans; 1 file with errors"."""
    kinds = [e.kind for e in library.entries.values()]
    broken = len(by_file(library.problems))
    return f"{plural(kinds.count('circuit'), 'circuit')}, {plural(kinds.count('plan'), 'plan')}" + (
        f"; {plural(broken, 'file')} with errors" if broken else ""
    )
