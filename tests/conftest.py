"""Shared test set-up: headless Qt, and a private data folder for every test."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Must be set before any QApplication exists.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(autouse=True)
def private_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point CIRCUIT_TIMER_HOME at an empty folder so no test sees the real user data."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("CIRCUIT_TIMER_HOME", str(home))
    return home
