"""The history repository: the workout records into it, the history questions read from it.

``HistoryStore`` is one SQLite file seen by subject: recording (store/recording.py),
reading (store/reading.py) and plans (store/plans.py), over one connection
(store/database.py).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from circuit_timer.store.errors import StoreError
from circuit_timer.store.plans import Plans
from circuit_timer.store.reading import Reading
from circuit_timer.store.recording import Recording
from circuit_timer.store.timestamps import utc_now

DB_NAME = "history.db"


class HistoryStore(Recording, Reading, Plans):
    """The runner's history in one SQLite file.

    Opening it writes what earlier workouts left in their journals, then closes, as
    partial, sessions an earlier run left unfinished (``recover``).
    ``notices`` holds what the user should be told after opening (a damaged file moved
    aside, a migration backup, read-only mode, sessions recovered). ``reader`` opens a
    second, read-only connection that only reads (store/database.py's ``open_reader``).
    """

    def __init__(
        self,
        path: Path,
        *,
        now: Callable[[], datetime] = utc_now,
        recover: bool = True,
        reader: bool = False,
    ) -> None:
        super().__init__(path, now=now, reader=reader)
        if recover and not self.readonly:
            from circuit_timer.store import entries  # only when there is history to read

            # What earlier workouts journaled but could not write goes in before anything
            # is read (and before their sessions are judged unfinished).
            self.notices.extend(entries.replay(self))
            try:
                recovered = self.recover_unfinished()
            except StoreError as exc:
                # Locked or full now: they stay unfinished (shown as partial) till next time.
                recovered = 0
                self.notices.append(f"unfinished sessions from an earlier run not closed: {exc}")
            if recovered:
                self.notices.append(
                    f"{recovered} unfinished session{'s' * (recovered != 1)} from an earlier "
                    "run kept as partial."
                )

    @classmethod
    def in_folder(cls, folder: Path, **kwargs: Any) -> HistoryStore:
        """The store in a data folder (``history.db`` inside it)."""
        return cls(folder / DB_NAME, **kwargs)

    def __enter__(self) -> HistoryStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
