"""Errors the store reports to the runner, as one clear sentence each."""

from __future__ import annotations

import sqlite3
from pathlib import Path


class StoreError(Exception):
    """Something about the history database the user can act on (or must know)."""


def explain(exc: sqlite3.Error, path: Path) -> StoreError:
    """Turn an SQLite error into a message that says what happened and what to do."""
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return StoreError(
            f"the history database {path} is locked by another program (another "
            "circuit-timer?); waited and gave up. Try again in a moment."
        )
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return StoreError(
            f"cannot write the history database {path}: the folder or file is read-only "
            "or missing. Check its permissions, or set CIRCUIT_TIMER_HOME to a writable folder."
        )
    if "disk is full" in text or "database or disk is full" in text:
        return StoreError(f"the disk holding {path} is full; free some space.")
    if "malformed" in text or "not a database" in text or "corrupt" in text:
        return StoreError(
            f"the history database {path} is damaged ({exc}); restart circuit-timer to "
            "move it aside and start a new one."
        )
    return StoreError(f"history database error in {path}: {exc}")
