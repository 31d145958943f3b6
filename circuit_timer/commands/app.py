"""`circuit-timer app` (and `circuit-timer` with no command): the desktop window."""

from __future__ import annotations

import argparse

from circuit_timer.commands.common import CommandError, SubParsers


def register(sub: SubParsers) -> None:
    """Add `app`."""
    p = sub.add_parser("app", help="open the desktop window (the default)")
    p.add_argument("--speed", default="1", metavar="X", help="run workouts X times faster")
    p.set_defaults(handler=cmd_app)


def launch(speed: float) -> int:
    """Open the window; Qt is imported only here, so the other commands stay quick."""
    try:
        from circuit_timer.ui.app import run_app
    except ImportError as exc:
        raise CommandError(f"the window needs PySide6 and its system libraries: {exc}") from None
    return run_app(speed)


def cmd_app(args: argparse.Namespace) -> int:
    """Open the window."""
    try:
        speed = float(args.speed)
    except ValueError:
        raise CommandError(f"--speed must be a number, not {args.speed!r}") from None
    if not 0 < speed <= 10_000:
        raise CommandError("--speed must be above 0 and at most 10000")
    return launch(speed)
