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
from tests.paths import ON_LINUX

# A Qt message repeated without end ends the run instead of hanging it (tests/qt_guard.py).
pytest_plugins = ["tests.qt_guard"]

# Must be set before any QApplication exists.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Qt keeps window settings (QSettings) under XDG_CONFIG_HOME; tests never touch the user's.
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="circuit-timer-tests-config-")
if not ON_LINUX:
    # macOS and Windows keep QSettings in a plist or the registry, not under
    # XDG_CONFIG_HOME: there the tests' settings go to an ini file in the same folder.
    from PySide6.QtCore import QSettings

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, os.environ["XDG_CONFIG_HOME"]
    )


def pytest_configure(config: pytest.Config) -> None:
    """Register the platform markers (pytest runs with --strict-markers)."""
    config.addinivalue_line(
        "markers",
        "linux_only(why): needs Linux itself (xcb, ALSA, the freedesktop bus); skipped "
        "elsewhere with the reason, always run on Linux",
    )
    config.addinivalue_line(
        "markers",
        "posix_only(why): needs a POSIX system (a pty, POSIX signals); skipped on Windows "
        "with the reason",
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Skip, with their reason, the tests marked for another platform than this one."""
    for item in items:
        for name, applies in (("linux_only", not ON_LINUX), ("posix_only", os.name != "posix")):
            marker = item.get_closest_marker(name)
            if marker is not None and applies:
                why = marker.args[0] if marker.args else name
                item.add_marker(pytest.mark.skip(reason=f"{name.replace('_', ' ')}: {why}"))


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
