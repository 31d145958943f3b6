"""A read-only data folder: history still readable, writes refused clearly, nothing changed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from circuit_timer.store.history import HistoryStore

# A folder made read-only with chmod: Windows ignores a folder's read-only flag.
pytestmark = pytest.mark.posix_only("folder permissions")

# Root ignores permissions, so as root the command drops to 'nobody' after importing
# everything it needs (the interpreter's own files may not be readable to nobody).
PRELUDE = """
import os, sys
import circuit_timer.cli as cli, circuit_timer.commands.history, circuit_timer.commands.plan
import csv, json, sqlite3, uuid, zoneinfo
if os.geteuid() == 0:
    os.setgid(65534)
    os.setuid(65534)
raise SystemExit(cli.main(sys.argv[1:]))
"""


def run_cli(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", PRELUDE, *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "CIRCUIT_TIMER_HOME": str(home)},
    )


@pytest.fixture
def reachable(tmp_path: Path) -> Iterator[Path]:
    """A folder anyone can reach (pytest's own temporary root is private to its user)."""
    folder = Path(tempfile.mkdtemp(prefix="ct-readonly-"))
    folder.chmod(0o755)
    yield folder
    for path in folder.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)
    shutil.rmtree(folder)


@pytest.fixture
def readonly_home(reachable: Path) -> Path:
    home = reachable / "ro"
    home.mkdir()
    with HistoryStore.in_folder(home) as store:
        uid = store.start_session("taper-maintenance")
        store.finish_session(uid, "completed")
    for p in home.iterdir():
        p.chmod(0o444)
    home.chmod(0o555)
    return home


def test_history_is_shown_read_only_and_writes_are_refused(readonly_home: Path) -> None:
    before = {p.name: p.read_bytes() for p in readonly_home.iterdir()}
    shown = run_cli(readonly_home, "history", "--json")
    assert shown.returncode == 0, shown.stderr
    assert "taper-maintenance" in shown.stdout
    assert "read-only" in shown.stderr
    refused = run_cli(readonly_home, "pain", "3")
    assert refused.returncode == 1
    assert "read-only" in refused.stderr and "nothing was saved" in refused.stderr
    assert "Traceback" not in refused.stderr + shown.stderr
    assert {p.name: p.read_bytes() for p in readonly_home.iterdir()} == before


def test_no_database_and_a_read_only_folder_is_a_clear_error(reachable: Path) -> None:
    home = reachable / "empty"
    home.mkdir()
    home.chmod(0o555)
    result = run_cli(home, "streak")
    assert result.returncode == 1
    assert "cannot write the history database" in result.stderr
    assert "Traceback" not in result.stderr
