"""A pytest plugin (tests/conftest.py loads it): a Qt message said over and over ends
the run at once, with every thread's stack, instead of hanging it.

A socket notifier left on a closed descriptor (its object destroyed off the GUI
thread) makes Qt's glib event loop warn on every turn, from inside Qt where no
exception reaches; pytest-qt keeps every message. A CI run once grew to 7 GB that way
and never ended. The guard sits in front of whatever handler is installed (pytest-qt's
capture during a test's set-up and call) and passes every message on; at ``REPEATS``
identical ones in a row it says why, dumps every thread's stack, and ends the process.
"""

from __future__ import annotations

import faulthandler
import os
import sys
from collections.abc import Callable, Generator
from typing import Any

import pytest
from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

# No test says the same thing this often; Qt's loop says it in a few milliseconds.
REPEATS = 10_000
EXIT_CODE = 70  # EX_SOFTWARE

Handler = Callable[[QtMsgType, QMessageLogContext, str], Any]


def _stop(config: pytest.Config, message: str, times: int) -> None:
    """Say why on the real stderr (not a test's captured one), dump stacks, and exit."""
    capture = config.pluginmanager.getplugin("capturemanager")
    if capture is not None:
        capture.suspend_global_capture(in_=False)
        capture.suspend_fixture()
    sys.stderr.write(
        f"\ntests/qt_guard.py: Qt said {message!r} {times:,} times in a row: a loop "
        "inside Qt that would never end (often a notifier on a closed descriptor, its "
        "object destroyed off the GUI thread). Every thread's stack:\n"
    )
    sys.stderr.flush()
    faulthandler.dump_traceback(file=sys.stderr, all_threads=True)
    sys.stderr.flush()
    os._exit(EXIT_CODE)


class RepeatGuard:
    """A Qt message handler that passes messages on to ``passes_to`` (None: stderr) and
    calls ``stop(message, times)`` once the same message has come ``limit`` times."""

    def __init__(
        self,
        stop: Callable[[str, int], None],
        limit: int = REPEATS,
        passes_to: Handler | None = None,
    ) -> None:
        self.stop = stop
        self.limit = limit
        self.passes_to = passes_to
        self._last: str | None = None
        self._count = 0

    def __call__(self, kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
        if message == self._last:
            self._count += 1
        else:
            self._last, self._count = message, 1
        if self._count >= self.limit:
            self.stop(message, self._count)
        if self.passes_to is not None:
            self.passes_to(kind, context, message)
        else:  # what Qt's own handler would have done
            sys.stderr.write(message + "\n")


def _install(config: pytest.Config) -> Handler | None:
    """Put a guard in front of the handler installed now; that handler."""
    guard = RepeatGuard(lambda message, times: _stop(config, message, times))
    guard.passes_to = qInstallMessageHandler(guard)
    return guard.passes_to


def pytest_runtest_setup(item: pytest.Item) -> None:
    # pytest-qt's plugin (registered later, so called first) has installed its capture
    # by now, and pytest's runner (registered earlier) has not made the fixtures yet.
    _install(item.config)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item) -> Generator[None, object, object]:
    # pytest-qt captures nothing in teardown (widgets close, the event loop still turns).
    before = _install(item.config)
    try:
        return (yield)
    finally:
        # Where pytest-qt captured nothing (no_qt_log), the set-up's guard is still there.
        qInstallMessageHandler(before.passes_to if isinstance(before, RepeatGuard) else before)
