"""tests/qt_guard.py: a Qt message said without end ends the run with a reason and the
stacks, wherever in a test it is said; any other message is passed on untouched."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from tests.paths import REPO
from tests.qt_guard import EXIT_CODE, REPEATS, RepeatGuard


def test_the_same_message_limit_times_in_a_row_stops_and_others_pass_on() -> None:
    stopped: list[tuple[str, int]] = []
    passed: list[str] = []
    guard = RepeatGuard(
        lambda message, times: stopped.append((message, times)),
        limit=3,
        passes_to=lambda _kind, _context, message: passed.append(message),
    )
    kind: Any = None
    for message in ["a", "a", "b", "a", "a"]:  # never three in a row
        guard(kind, None, message)  # type: ignore[arg-type]
    assert stopped == [] and passed == ["a", "a", "b", "a", "a"]
    guard(kind, None, "a")  # type: ignore[arg-type]
    assert stopped == [("a", 3)]


LOUD = """
import pytest
from PySide6.QtCore import qWarning

@pytest.fixture
def loud_fixture(qtbot):
    for _ in range({n}):
        qWarning("again")

def test_in_a_fixture(loud_fixture):
    pass

def test_in_teardown(request):
    request.addfinalizer(lambda: [qWarning("again") for _ in range({n})])
"""


# A fixture's messages come in the set-up, under the guard that stays for the test itself.
@pytest.mark.parametrize("where", ["in_a_fixture", "in_teardown"])
def test_a_message_without_end_ends_the_run_with_the_reason(tmp_path: Path, where: str) -> None:
    (tmp_path / "pytest.ini").write_text("[pytest]\nqt_api = pyside6\n")
    # Twice the limit: without the guard, this run passes.
    (tmp_path / "test_loud.py").write_text(textwrap.dedent(LOUD.format(n=2 * REPEATS)))
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "tests.qt_guard", "-p", "no:cacheprovider",
         "-q", "-k", where, str(tmp_path / "test_loud.py")],
        cwd=REPO, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == EXIT_CODE, done.stdout + done.stderr
    assert f"Qt said 'again' {REPEATS:,} times in a row" in done.stderr
    assert "Current thread" in done.stderr or "Thread 0x" in done.stderr  # the stacks
