"""Errors the store reports to the runner, as one clear sentence each.

SQLite's errors are sorted by their result code: the ones the machine causes (another
program holds the lock, the disk is full, the folder is read-only, the file is damaged
or cannot be read) tell the runner what to do; any other (a constraint, bad SQL, a
closed connection) is a bug in circuit-timer and says so, with SQLite's detail.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path


class StoreError(Exception):
    """Something about the history database the user can act on (or must know).

    Faces catch this one; the two kinds below say whose fault an SQLite error was.
    """


class EnvironmentFault(StoreError):
    """The machine's fault (locked, full, read-only, damaged, unreadable): the message
    says what the runner can do. ``code`` is SQLite's name for it (``SQLITE_BUSY``)."""

    def __init__(self, message: str, code: str | None = None) -> None:
        super().__init__(message)
        self.code = code


class StoreBug(StoreError):
    """SQLite refused what circuit-timer asked: a bug in circuit-timer, not the runner's
    doing. ``code`` is SQLite's name for it (``SQLITE_CONSTRAINT_UNIQUE``), if it has one."""

    def __init__(self, message: str, code: str | None = None) -> None:
        super().__init__(message)
        self.code = code


# Primary result codes (the low byte of an extended code) the machine is to blame for.
LOCKED_CODES = frozenset({sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED, sqlite3.SQLITE_PROTOCOL})
READONLY_CODES = frozenset({sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM})
FULL_CODES = frozenset({sqlite3.SQLITE_FULL})
DAMAGED_CODES = frozenset({sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB})
DISK_CODES = frozenset({sqlite3.SQLITE_IOERR, sqlite3.SQLITE_NOLFS})
MEMORY_CODES = frozenset({sqlite3.SQLITE_NOMEM})


def primary_code(exc: sqlite3.Error) -> int | None:
    """SQLite's primary result code for ``exc``; None for an error Python's sqlite3
    raised itself (a closed connection, a value it cannot bind)."""
    code = getattr(exc, "sqlite_errorcode", None)
    return None if code is None else int(code) & 0xFF


def is_damage(exc: sqlite3.Error) -> bool:
    """Whether ``exc`` says the file is damaged or not a database at all."""
    return primary_code(exc) in DAMAGED_CODES


def is_unwritable(exc: sqlite3.Error) -> bool:
    """Whether ``exc`` says the file or its folder cannot be written or opened."""
    return primary_code(exc) in READONLY_CODES


def explain(exc: sqlite3.Error, path: Path) -> StoreError:
    """Turn an SQLite error into a message that says what happened and what to do."""
    code = primary_code(exc)
    name = getattr(exc, "sqlite_errorname", None)
    if code in LOCKED_CODES:
        return EnvironmentFault(
            f"the history database {path} is locked by another program (another "
            "circuit-timer?); waited and gave up. Try again in a moment.",
            name,
        )
    if code in READONLY_CODES:
        return EnvironmentFault(
            f"cannot write the history database {path}: the folder or file is read-only "
            "or missing. Check its permissions, or set CIRCUIT_TIMER_HOME to a writable "
            "folder.",
            name,
        )
    if code in FULL_CODES:
        return EnvironmentFault(f"the disk holding {path} is full; free some space.", name)
    if code in DAMAGED_CODES:
        return EnvironmentFault(
            f"the history database {path} is damaged ({exc}); restart circuit-timer to "
            "move it aside and start a new one.",
            name,
        )
    if code in DISK_CODES:
        return EnvironmentFault(
            f"the history database {path} could not be read or written ({exc}): check "
            "the disk (or the network share it is on) and try again.",
            name,
        )
    if code in MEMORY_CODES:
        return EnvironmentFault(
            "the computer ran out of memory while using the history; close some programs "
            "and try again.",
            name,
        )
    detail = f"{name}: {exc}" if name else f"{type(exc).__name__}: {exc}"
    return StoreBug(
        f"a bug in circuit-timer: the history database {path} refused a request "
        f"({detail}). Please report it.",
        name,
    )
