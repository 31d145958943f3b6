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
from circuit_timer.core.model import Circuit
from circuit_timer.core.plan_sheet import plan_sheet, race_choice
from circuit_timer.core.sheet import Sheet, circuit_sheet


def build_sheet(target: str, race_text: str | None, now: date) -> Sheet:
    """The sheet of the circuit or plan ``target`` (an id or a file), as of ``now``; for a
    plan, the race date used goes to stderr."""
    library = user_library()
    entry = find_entry(library, target)
    doc = entry.document
    if isinstance(doc, Circuit):
        if race_text is not None:
            print("circuit-timer: note: --race is for plans; a circuit has no race date",
                  file=sys.stderr)  # fmt: skip
        return circuit_sheet(doc, now)
    given = parse_race_date(race_text, now) if race_text is not None else None
    with open_store() as store:
        followed = store.active_enrolment(as_of=now)
    choice, schedule = race_choice(doc, now, followed=followed, given=given)
    if given is not None and choice.race != given:
        print(f"circuit-timer: note: --race {given} not used: you follow this plan toward "
              f"{choice.race}", file=sys.stderr)  # fmt: skip
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
