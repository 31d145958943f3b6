"""A page's reads of the history, off the GUI thread: the window never waits on SQLite.

A ``PageLoader`` runs a page's read function on a worker thread, with a read-only
connection of its own, opened and closed in that thread. The result comes back to the
GUI thread by a queued signal; only the latest load's result is shown. While another
program holds the history locked, the page is told it is waiting, and the read is tried
again a moment later, until the lock goes.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, QTimer, Signal

from circuit_timer.store.errors import EnvironmentFault, StoreError

if TYPE_CHECKING:
    # The window imports this before its first paint; the store's queries load later.
    from circuit_timer.store.history import HistoryStore

T = TypeVar("T")

# After a read found the history locked, it is tried again this much later.
RETRY_MS = 250
LOADING_TEXT = "Loading your history\u2026"
WAITING_TEXT = (
    "Waiting for your history: another program is using it. This page fills in as soon "
    "as it is free."
)
# A lock is SQLITE_BUSY or SQLITE_LOCKED (and their extended codes).
_LOCK_CODES = ("SQLITE_BUSY", "SQLITE_LOCKED", "SQLITE_PROTOCOL")

_pools: dict[bool, QThreadPool] = {}


def _threads(writable: bool) -> QThreadPool:
    """The pool reads run on (a few threads: a read waits at most the reader's short
    busy timeout), or the one writes run on (one thread: writes land in the order they
    were asked for). Their own pools, so a slow read never delays Qt's other work."""
    pool = _pools.get(writable)
    if pool is None:
        # A child of the application, so it waits for its threads before Qt goes.
        pool = _pools[writable] = QThreadPool(QCoreApplication.instance())
        pool.setMaxThreadCount(1 if writable else 4)
    return pool


def wait_for_reads(ms: int = 5000) -> bool:
    """Wait for the reads and writes running now to end (for tests); True if they did."""
    return all(pool.waitForDone(ms) for pool in _pools.values())


def is_lock(exc: StoreError) -> bool:
    """Whether ``exc`` says another program holds the history locked."""
    code = getattr(exc, "code", None)
    return isinstance(exc, EnvironmentFault) and bool(code) and str(code).startswith(_LOCK_CODES)


@dataclass(frozen=True)
class _Outcome:
    """What one try of a read came to: a result, a lock, or an error to show."""

    ticket: int
    result: Any = None
    locked: bool = False
    error: str | None = None


class _Relay(QObject):
    """Carries a worker's outcome to the GUI thread (it lives there)."""

    arrived = Signal(object)


class _Read(QRunnable):
    """One try of a read, in a worker thread, on its own read-only connection."""

    def __init__(
        self,
        path: Path,
        read: Callable[[HistoryStore], Any],
        ticket: int,
        relay: _Relay,
        writable: bool,
    ) -> None:
        super().__init__()
        self._path = path
        self._writable = writable
        self._read = read
        self._ticket = ticket
        self._relay = relay

    def run(self) -> None:
        """Open, read, close, and send what happened."""
        from circuit_timer.store.history import HistoryStore

        try:
            with HistoryStore(self._path, reader=not self._writable, recover=False) as store:
                outcome = _Outcome(self._ticket, result=self._read(store))
        except StoreError as exc:
            locked = is_lock(exc)
            outcome = _Outcome(self._ticket, locked=locked, error=None if locked else str(exc))
        except Exception as exc:  # a bug: said on the page, which must not wait forever
            outcome = _Outcome(
                self._ticket,
                error=f"a bug in circuit-timer while reading the history "
                f"({type(exc).__name__}: {exc}). Please report it.",
            )
        # The page may be gone by now (its relay with it): nobody to tell, then.
        with contextlib.suppress(RuntimeError):
            self._relay.arrived.emit(outcome)


class PageLoader(QObject):
    """Loads a page's data from the history at ``path`` off the GUI thread.

    ``load(read, show)`` runs ``read(store)`` in a worker (it must not touch widgets)
    and calls ``show(result)`` on the GUI thread, unless a newer load was asked for
    meanwhile. ``busy`` is True from ``load`` until a result or an error is shown.
    ``writable``: the worker's connection may write (a short write, such as a pain
    score, that must not hold the GUI thread either); a lock is waited out the same way.

    Signals:
        waiting(str): the history is locked by another program; the read tries again.
        failed(str): the read failed: the store's one-line message, for the page to show.
        loaded(): a result was shown.
    """

    waiting = Signal(str)
    failed = Signal(str)
    loaded = Signal()

    def __init__(
        self,
        path: Path,
        parent: QObject | None = None,
        *,
        retry_ms: int = RETRY_MS,
        writable: bool = False,
    ) -> None:
        super().__init__(parent)
        self.path = path
        self.writable = writable
        self.busy = False
        self.locked = False
        self._ticket = 0
        self._read: Callable[[HistoryStore], Any] | None = None
        self._show: Callable[[Any], None] | None = None
        self._relay = _Relay(self)
        # Queued: the worker's emit is handled here, in the GUI thread, between events.
        self._relay.arrived.connect(self._arrived, Qt.ConnectionType.QueuedConnection)
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.setInterval(retry_ms)
        self._retry.timeout.connect(self._start)

    def load(self, read: Callable[[HistoryStore], T], show: Callable[[T], None]) -> None:
        """Read with ``read`` off the GUI thread, then ``show`` the result here."""
        self._read = read
        self._show = show
        self.busy = True
        self.locked = False  # a page that cleared its "waiting" line is told again
        self._start()

    def cancel(self) -> None:
        """Drop the load in progress: its result, if one comes, is not shown."""
        self._ticket += 1
        self._retry.stop()
        self.busy = False
        self.locked = False

    def _start(self) -> None:
        assert self._read is not None
        self._ticket += 1
        self._retry.stop()
        _threads(self.writable).start(
            _Read(self.path, self._read, self._ticket, self._relay, self.writable)
        )

    def _arrived(self, outcome: _Outcome) -> None:
        if outcome.ticket != self._ticket or not self.busy:
            return  # a newer load was asked for, or this one was cancelled
        if outcome.locked:
            if not self.locked:
                self.locked = True
                self.waiting.emit(WAITING_TEXT)
            self._retry.start()
            return
        self.busy = False
        self.locked = False
        if outcome.error is not None:
            self.failed.emit(outcome.error)
            return
        assert self._show is not None
        self._show(outcome.result)
        self.loaded.emit()
