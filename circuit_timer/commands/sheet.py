"""`circuit-timer sheet ID FILE.pdf`: a circuit or a plan on paper.

The content comes from core/sheet.py; the PDF from ui/sheet_pdf.py, imported only here,
when the command runs (it needs Qt, on the offscreen platform: no window, no display).
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from circuit_timer.commands.common import (
    EXIT_OK,
    CommandError,
    find_entry,
    open_store,
    user_library,
)
from circuit_timer.commands.dates import parse_race_date, today
from circuit_timer.core.dates import day_text
from circuit_timer.core.library import Library
from circuit_timer.core.model import Circuit, Plan
from circuit_timer.core.schedule import PlannedSession, default_race_date, plan_schedule
from circuit_timer.core.sheet import RaceChoice, Sheet, circuit_sheet, plan_sheet

FOLLOWED = "the race of the plan you follow"
GIVEN = "the date given with --race"
GUESSED = (
    "no race date given: the first Sunday far enough out for the whole plan, "
    "counted as if you started today"
)


def plan_race(
    plan: Plan, library: Library, race_text: str | None, now: date
) -> tuple[RaceChoice, list[PlannedSession]]:
    """The race date a plan's sheet counts back from and its sessions: the followed
    plan's own race and schedule (as `plan status` has them), else --race, else the
    first race date the whole plan fits before, as if started today."""
    from circuit_timer.store import insights

    with open_store() as store:
        overview = insights.plan_overview(store, library, now)
    if overview is not None and overview.followed.enrolment.plan_id == plan.id:
        race = overview.followed.enrolment.race_date
        if race_text is not None and race_text != race.isoformat():
            print(
                f"circuit-timer: note: --race {race_text} not used: you follow this plan "
                f"toward {race}",
                file=sys.stderr,
            )
        return RaceChoice(race, FOLLOWED), list(overview.followed.schedule)
    if race_text is not None:
        race = parse_race_date(race_text, now)
        return RaceChoice(race, GIVEN), plan_schedule(plan, race, now)
    race = default_race_date(plan, now)
    return RaceChoice(race, GUESSED), plan_schedule(plan, race, now)


def build_sheet(target: str, race_text: str | None, now: date) -> Sheet:
    """The sheet of the circuit or plan ``target`` (an id or a file), as of ``now``."""
    library = user_library()
    entry = find_entry(library, target)
    doc = entry.document
    if isinstance(doc, Circuit):
        if race_text is not None:
            print("circuit-timer: note: --race is for plans; a circuit has no race date",
                  file=sys.stderr)  # fmt: skip
        return circuit_sheet(doc, now)
    choice, schedule = plan_race(doc, library, race_text, now)
    print(f"Race date used: {day_text(choice.race, year=True)} ({choice.reason})", file=sys.stderr)
    return plan_sheet(doc, schedule, choice, library.circuit, now)


def cmd_sheet(args: argparse.Namespace) -> int:
    """Write a printable PDF of a circuit or a plan."""
    target = Path(args.file)
    if target.is_dir():
        raise CommandError(f"{target} is a folder; give a file name such as sheet.pdf")
    if not target.parent.is_dir():
        raise CommandError(f"cannot write {target}: no folder {target.parent}")
    now = today(args)
    sheet = build_sheet(args.target, args.race, now)
    from circuit_timer.ui.sheet_pdf import SheetWriteError, write_sheet_pdf

    try:
        write_sheet_pdf(sheet, target, args.paper)
    except SheetWriteError as exc:
        raise CommandError(str(exc)) from None
    print(target)
    return EXIT_OK
