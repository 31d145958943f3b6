"""Shared test set-up: headless Qt, a private data folder for every test, and the fixtures
more than one test module uses (a history store, the command line run in-process)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from circuit_timer.store.history import HistoryStore
from tests.commandline import Cli

# A Qt message repeated without end ends the run instead of hanging it (tests/qt_guard.py).
pytest_plugins = ["tests.qt_guard"]

# Must be set before any QApplication exists.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Qt keeps window settings (QSettings) under XDG_CONFIG_HOME; tests never touch the user's.
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="circuit-timer-tests-config-")


@pytest.fixture(autouse=True)
def private_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point CIRCUIT_TIMER_HOME at an empty folder so no test sees the real user data."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("CIRCUIT_TIMER_HOME", str(home))
    return home


@pytest.fixture
def store(tmp_path: Path) -> Iterator[HistoryStore]:
    """An empty history in the test's temporary folder, closed when the test ends."""
    with HistoryStore(tmp_path / "history.db") as opened:
        yield opened


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Cli:
    """Run circuit-timer commands in-process: ``cli.run(...)`` or ``cli.ok(...)``."""
    return Cli(capsys)
