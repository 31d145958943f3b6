"""The library as the window sees it: reloaded when a file in the user's folder changes."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

if TYPE_CHECKING:
    # The library's models (pydantic) are imported at the first read, after the window
    # has painted.
    from circuit_timer.core.library import Library

DEBOUNCE_MS = 250


class LibraryWatcher(QObject):
    """Loads the bundled and user library, and again whenever the user's files change.

    Signals:
        reloaded(object): the new Library.
    """

    reloaded = Signal(object)

    def __init__(self, bundled: Path, user: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.bundled = bundled
        self.user = user
        self._library: Library | None = None
        self._watcher = QFileSystemWatcher(self)
        self._watcher.directoryChanged.connect(self._soon)
        self._watcher.fileChanged.connect(self._soon)
        # Editors save in bursts (write, rename, chmod): reload once the burst is over.
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self.reload)

    @property
    def library(self) -> Library:
        """The library as last read (empty before the first ``reload``)."""
        if self._library is None:
            from circuit_timer.core.library import Library

            self._library = Library()
        return self._library

    def reload(self) -> Library:
        """Load everything again and watch every folder and file of the user library."""
        from circuit_timer.core.library import load_library

        self._library = load_library(self.bundled, self.user)
        self._watch()
        self.reloaded.emit(self.library)
        return self.library

    def stop(self) -> None:
        """Stop watching (the window is closing)."""
        self._debounce.stop()
        self._watcher.directoryChanged.disconnect(self._soon)
        self._watcher.fileChanged.disconnect(self._soon)

    def _watch(self) -> None:
        # A file saved by renaming a new one over it is a new file: watch afresh each time.
        old = self._watcher.files() + self._watcher.directories()
        if old:
            self._watcher.removePaths(old)
        if not self.user.is_dir():
            # Not made yet: watch the nearest folder that exists, to see it appear.
            ancestor = self.user.parent
            while not ancestor.is_dir() and ancestor != ancestor.parent:
                ancestor = ancestor.parent
            self._watcher.addPath(str(ancestor))
            return
        paths = [str(self.user)]
        for path in sorted(self.user.rglob("*")):
            if not any(part.startswith(".") for part in path.relative_to(self.user).parts):
                paths.append(str(path))
        self._watcher.addPaths(paths)

    def _soon(self, _path: str) -> None:
        if not self.user.is_dir():
            # Only the folder's appearance matters while it is missing. The nearest folder
            # above it may be the data folder, where the history's journal and WAL files
            # come and go all through a workout: reloading the library (and the window's
            # reads after it) at each of them would be work for nothing.
            self._watch()  # a folder on the way down may have appeared
            return
        self._debounce.start()
