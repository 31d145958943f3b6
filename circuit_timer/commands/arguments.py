"""Every command's arguments, and each command's code imported only when it runs.

``circuit-timer --help``, a mistyped option and the window import none of the other
commands' modules (nor pydantic, the models and the store they bring): the window's first
paint waits for the window's own imports only.
"""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable
from dataclasses import dataclass

from circuit_timer.commands.common import SubParsers
from circuit_timer.commands.dates import add_as_of
from circuit_timer.core.records import PAIN_KINDS
from circuit_timer.store.settings import SETTINGS

Handler = Callable[[argparse.Namespace], int]


@dataclass(frozen=True)
class LazyHandler:
    """The function ``name`` of ``circuit_timer.commands.<module>``, imported when the
    command runs."""

    module: str
    name: str

    def resolve(self) -> Handler:
        """The command's function (importing its module)."""
        command = importlib.import_module(f"circuit_timer.commands.{self.module}")
        function: Handler = getattr(command, self.name)
        return function

    def __call__(self, args: argparse.Namespace) -> int:
        return self.resolve()(args)


def _lazy(module: str, name: str) -> LazyHandler:
    return LazyHandler(module, name)


def register_all(sub: SubParsers) -> None:
    """Add every command, in the order ``--help`` lists them."""
    _library(sub)
    _history(sub)
    _plan(sub)
    _run(sub)
    _settings(sub)
    _desktop(sub)
    _app(sub)


def _library(sub: SubParsers) -> None:
    """Add the library commands to the top-level parser."""
    p = sub.add_parser(
        "validate",
        help="check circuit and plan files",
        description="Check circuit and plan files (or folders of them). Prints one line per "
        "problem as FILE:LINE:COL: message and exits 1, or a count and exits 0.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="a .yaml file or a folder")
    p.set_defaults(handler=_lazy("library", "cmd_validate"))

    p = sub.add_parser("list", help="list the circuits and plans in the library")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=_lazy("library", "cmd_list"))

    p = sub.add_parser(
        "show",
        help="show a circuit or plan: its blocks, doses, rests, notes and time",
        description="Show a circuit or plan by id or by file path: every exercise with its "
        "dose, load, notes and cues. With --json, a circuit prints its compiled timeline "
        "(the segment list of the format spec).",
    )
    p.add_argument("target", metavar="ID|PATH")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=_lazy("library", "cmd_show"))

    p = sub.add_parser(
        "sheet",
        help="write a printable PDF of a circuit or plan",
        description="Write a printable sheet (PDF) of a circuit (every exercise with its dose, "
        "rests, load, cues, notes and a box to tick per set) or of a plan (its sessions week "
        "by week back from the race, what each changes, a box to tick). A plan counts back "
        "from the race of the plan you follow, else --race, else the first race date the "
        "whole plan fits before if started today; the date used is printed.",
    )
    p.add_argument("target", metavar="ID|PATH", help="a circuit or plan id, or its file")
    p.add_argument("file", metavar="FILE.pdf", help="the PDF to write")
    p.add_argument("--paper", choices=("a4", "letter"), default="a4", help="default: a4")
    p.add_argument(
        "--race", metavar="YYYY-MM-DD", help="a plan's race date, today to two years ahead"
    )
    add_as_of(p)
    p.set_defaults(handler=_lazy("sheet", "cmd_sheet"))

    p = sub.add_parser("schema", help="print the JSON Schema of circuit and plan files")
    p.set_defaults(handler=_lazy("library", "cmd_schema"))

    p = sub.add_parser("new", help="write a starter circuit into your library")
    p.add_argument("name", metavar="NAME", help="the circuit's name, e.g. 'Hip strength'")
    p.set_defaults(handler=_lazy("library", "cmd_new"))


def _history(sub: SubParsers) -> None:
    """Add the history commands."""
    p = sub.add_parser(
        "log",
        help="record a session done away from the app, as completed",
        description="Record a session done away from the app, as completed with the sets its "
        "circuit plans. When the active plan has this circuit on that day (or the day "
        "before), the plan's changes apply and the session counts for the plan.",
    )
    p.add_argument("circuit", metavar="CIRCUIT", help="the circuit's id")
    p.add_argument(
        "--date",
        metavar="YYYY-MM-DD",
        help="the day it was done, 1970-01-01 to today (default: today)",
    )
    p.add_argument("--pain", metavar="N", help="pain after the session, 0-10")
    p.add_argument("--note", metavar="TEXT", help="a note for the session")
    p.add_argument(
        "--count",
        metavar="EXERCISE=LEFT,RIGHT",
        action="append",
        default=[],
        help="reps you counted (say, a test done with a physio), stored as counted for each "
        "set of that exercise: LEFT,RIGHT for one done on each side, N for one done with "
        "both legs; repeatable",
    )
    p.add_argument(
        "--load",
        metavar="EXERCISE=KG",
        action="append",
        default=[],
        help="the load you used, stored on each set of that exercise: kilograms above 0 "
        "and at most 300, or bw for bodyweight; repeatable",
    )
    add_as_of(p)
    p.set_defaults(handler=_lazy("history", "cmd_log"))

    p = sub.add_parser("history", help="list your sessions")
    p.add_argument("--since", metavar="YYYY-MM-DD", help="only sessions on or after this day")
    form = p.add_mutually_exclusive_group()
    form.add_argument("--json", action="store_true", help="print JSON")
    form.add_argument("--csv", action="store_true", help="print CSV, one row per session")
    add_as_of(p)
    p.set_defaults(handler=_lazy("history", "cmd_history"))

    p = sub.add_parser("streak", help="your weekly and daily streaks")
    p.add_argument("--json", action="store_true", help="print JSON")
    add_as_of(p)
    p.set_defaults(handler=_lazy("history", "cmd_streak"))

    p = sub.add_parser(
        "pain",
        help="record pain 0-10 (first-step morning pain by default), or show the trend",
        description="Record pain on a 0-10 scale, or with --trend show the morning-pain trend "
        "and what the pain-monitoring rule says about the next session.",
    )
    p.add_argument("score", metavar="N", nargs="?", help="pain, 0 (none) to 10 (worst)")
    p.add_argument("--date", metavar="YYYY-MM-DD", help="the day (default: today)")
    p.add_argument("--kind", choices=PAIN_KINDS, default="morning", help="default: morning")
    p.add_argument("--trend", action="store_true", help="show the trend instead")
    p.add_argument("--json", action="store_true", help="print JSON (with --trend)")
    add_as_of(p)
    p.set_defaults(handler=_lazy("history", "cmd_pain"))

    p = sub.add_parser(
        "asymmetry", help="left-right balance from counted tests (limb symmetry index)"
    )
    p.add_argument("--json", action="store_true", help="print JSON")
    add_as_of(p)
    p.set_defaults(handler=_lazy("history", "cmd_asymmetry"))

    p = sub.add_parser("export", help="export your history (JSON, or CSV for a .csv file)")
    p.add_argument("file", metavar="FILE")
    p.set_defaults(handler=_lazy("history", "cmd_export"))

    p = sub.add_parser("import", help="import a JSON export (adds only what is new)")
    p.add_argument("file", metavar="FILE")
    p.add_argument(
        "--replace-plan",
        action="store_true",
        help="follow the plan the file has as current (the plan followed here ends and is "
        "kept in your history); without it, that plan is added as ended",
    )
    p.set_defaults(handler=_lazy("history", "cmd_import"))


def _plan(sub: SubParsers) -> None:
    """Add `plan start|today|status|calendar|stop`."""
    plan = sub.add_parser("plan", help="follow a plan counted back from your race date")
    actions = plan.add_subparsers(dest="plan_command", metavar="ACTION", required=True)

    p = actions.add_parser(
        "start",
        help="start (or switch to) a plan for a race date",
        description="Start (or switch to) a plan counted back from your race date. The race "
        "date is from today to two years ahead: plans span weeks, so a later date is a typo.",
    )
    p.add_argument("plan", metavar="PLAN", help="the plan's id (see: circuit-timer list)")
    p.add_argument(
        "--race-date", required=True, metavar="YYYY-MM-DD", help="today to two years ahead"
    )
    add_as_of(p)
    p.set_defaults(handler=_lazy("plan", "cmd_start"))

    p = actions.add_parser("today", help="today's session of the active plan")
    p.add_argument("--json", action="store_true", help="print JSON")
    add_as_of(p)
    p.set_defaults(handler=_lazy("plan", "cmd_today"))

    p = actions.add_parser("status", help="the whole schedule: done, missed, upcoming")
    p.add_argument("--json", action="store_true", help="print JSON")
    add_as_of(p)
    p.set_defaults(handler=_lazy("plan", "cmd_status"))

    p = actions.add_parser(
        "calendar",
        help="write the plan's sessions left and the race as a calendar file (.ics)",
        description="Write the active plan's sessions from today on that are not done, one "
        "all-day event each with its circuit, dose and the plan's changes, and the race, "
        "as an iCalendar file to import into a calendar app. Writing again gives the same "
        "event ids, so importing again updates the events.",
    )
    p.add_argument("file", metavar="FILE.ics")
    p.add_argument("--remind", metavar="HH:MM", help="a reminder at this time on each session day")
    add_as_of(p)
    p.set_defaults(handler=_lazy("plan_calendar", "cmd_calendar"))

    p = actions.add_parser("stop", help="stop following the active plan (its history stays)")
    add_as_of(p)
    p.set_defaults(handler=_lazy("plan", "cmd_stop"))


def _run(sub: SubParsers) -> None:
    """Add `run`."""
    p = sub.add_parser(
        "run",
        help="run a workout in the terminal",
        description="Run a circuit in the terminal, recording every completed set. CIRCUIT is "
        "an id (see: circuit-timer list) or the path of a circuit file. Without CIRCUIT, runs "
        "today's session of your active plan. Keys: Enter done, space pause, "
        "+/- reps, s skip, b back, q finish early. Exit status: 0 completed, 3 finished "
        "early, 1 error.",
    )
    p.add_argument(
        "circuit", nargs="?", metavar="CIRCUIT", help="a circuit id, or the path of a circuit file"
    )
    p.add_argument("--speed", default="1", metavar="X", help="run the clock X times faster")
    p.add_argument("--auto", action="store_true", help="mark open rep sets done at target")
    p.add_argument("--no-sound", action="store_true", help="no audio cues")
    p.add_argument("--no-voice", action="store_true", help="no spoken cues")
    p.add_argument(
        "--as-written",
        action="store_true",
        help="today's plan session as the plan has it, not adapted to your last sessions",
    )
    p.set_defaults(handler=_lazy("run", "cmd_run"))


def _settings(sub: SubParsers) -> None:
    """Add `settings`."""
    names = ", ".join(SETTINGS)
    p = sub.add_parser(
        "settings",
        help="show or change a setting",
        description=f"Show all settings, one setting, or change one. Settings: {names}.",
    )
    p.add_argument("key", nargs="?", metavar="KEY")
    p.add_argument("value", nargs="?", metavar="VALUE")
    p.set_defaults(handler=_lazy("settings", "cmd_settings"))


def _desktop(sub: SubParsers) -> None:
    """Add `install-desktop`."""
    p = sub.add_parser(
        "install-desktop",
        help="add circuit-timer to your applications menu (desktop entry, icon, metainfo)",
        description="Install the desktop entry, the icon and the AppStream metainfo under "
        "$XDG_DATA_HOME (~/.local/share), starting this circuit-timer. Running it again "
        "replaces them.",
    )
    p.add_argument(
        "--program",
        metavar="PATH",
        help="the circuit-timer the entry starts (default: this one)",
    )
    p.set_defaults(handler=_lazy("desktop", "cmd_install_desktop"))


def _app(sub: SubParsers) -> None:
    """Add `app`."""
    p = sub.add_parser("app", help="open the desktop window (the default)")
    p.add_argument("--speed", default="1", metavar="X", help="run workouts X times faster")
    p.set_defaults(handler=_lazy("app", "cmd_app"))
