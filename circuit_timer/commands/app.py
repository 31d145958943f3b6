"""`circuit-timer app` (and `circuit-timer` with no command): the desktop window."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping

from circuit_timer.commands.common import CommandError, parse_speed

# The systems where a window needs an X11 or Wayland server; macOS and Windows always
# have their own display, and Qt there knows best.
_X11_OR_WAYLAND = ("linux", "freebsd", "openbsd", "netbsd", "dragonfly", "sunos")


def no_display(environ: Mapping[str, str], platform: str = sys.platform) -> str | None:
    """Why no window can open here, or None when Qt may try.

    Without a display Qt aborts with a page of plugin advice; a runner needs one line.
    A platform chosen in QT_QPA_PLATFORM (offscreen, eglfs, vnc...) is left to Qt.
    """
    if not platform.startswith(_X11_OR_WAYLAND):
        return None
    if any(environ.get(name) for name in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")):
        return None
    return (
        "no display found (DISPLAY and WAYLAND_DISPLAY are unset): run it from a desktop "
        "session, or use the terminal runner: circuit-timer run ID"
    )


def launch(speed: float) -> int:
    """Open the window; Qt is imported only here, so the other commands stay quick."""
    problem = no_display(os.environ)
    if problem:
        raise CommandError(problem)
    try:
        from circuit_timer.ui.app import run_app
    except ImportError as exc:
        raise CommandError(f"the window needs PySide6 and its system libraries: {exc}") from None
    return run_app(speed)


def cmd_app(args: argparse.Namespace) -> int:
    """Open the window."""
    return launch(parse_speed(args.speed))


def cmd_default(args: argparse.Namespace) -> int:
    """No command: the desktop app, as `make run` and the desktop entry start it."""
    return launch(1.0)
