"""Shared test set-up: headless Qt, and a private data folder for every test."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

# Must be set before any QApplication exists.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Qt keeps window settings (QSettings) under XDG_CONFIG_HOME; tests never touch the user's.
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="circuit-timer-tests-config-")

REPO = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(autouse=True)
def private_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point CIRCUIT_TIMER_HOME at an empty folder so no test sees the real user data."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("CIRCUIT_TIMER_HOME", str(home))
    return home
