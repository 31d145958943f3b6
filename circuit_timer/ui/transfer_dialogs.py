"""Export and import the history from the window: a file dialog, then a message that says
what happened.

The file dialogs are behind ``ask_save_path``, ``ask_open_path`` and ``ask_replace`` so
tests can replace them; the messages go through ``QMessageBox``'s static functions.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget

from circuit_timer.core.describe import plural
from circuit_timer.store.errors import StoreError
from circuit_timer.store.history import HistoryStore
from circuit_timer.store.importing import ImportResult, ended_note, import_file
from circuit_timer.store.transfer import export_file

JSON_FILTER = "JSON (*.json)"
CSV_FILTER = "CSV, one row per set (*.csv)"
IMPORT_FILTER = "JSON export (*.json)"
SUFFIXES = {JSON_FILTER: ".json", CSV_FILTER: ".csv"}
NOTHING_NEW = "Nothing new: everything in that file is already in your history."
NO_HISTORY = "Your history could not be opened, so there is nothing to export or import into."


def ask_save_path(parent: QWidget | None, suggested: Path) -> tuple[str, str]:
    """The save dialog: the chosen name ("" if cancelled) and the chosen filter."""
    return QFileDialog.getSaveFileName(
        parent, "Export history", str(suggested), f"{JSON_FILTER};;{CSV_FILTER}", JSON_FILTER
    )


def ask_open_path(parent: QWidget | None, start: Path) -> str:
    """The open dialog: the chosen file, or "" if cancelled."""
    name, _filter = QFileDialog.getOpenFileName(
        parent, "Import history", str(start), f"{IMPORT_FILTER};;All files (*)"
    )
    return name


def ask_replace(parent: QWidget | None, path: Path) -> bool:
    """Whether to overwrite ``path`` (asked only when this module added the extension,
    since the save dialog already asked about the name as typed)."""
    answer = QMessageBox.question(
        parent, "Export history", f"{path.name} already exists. Replace it?"
    )
    return answer == QMessageBox.StandardButton.Yes


def with_suffix_for(name: str, chosen_filter: str) -> Path:
    """The path to write: the name as typed if it ends in .json or .csv, else with the
    chosen filter's extension added (a typed "backup" with the CSV filter is backup.csv)."""
    path = Path(name)
    if path.suffix.lower() in (".json", ".csv"):
        return path
    return path.with_name(path.name + SUFFIXES.get(chosen_filter, ".json"))


def import_message(result: ImportResult) -> str:
    """ "Imported 12 sessions, 340 sets, 20 pain entries and 1 plan enrolment; 3 were
    already here." (only the kinds that were added), or that nothing was new."""
    if result.added == 0:
        if result.skipped == 0:
            return "Nothing new: that file holds no sessions, sets, pain entries or plans."
        return NOTHING_NEW
    counts = [
        (result.sessions, "session", "sessions"),
        (result.sets, "set", "sets"),
        (result.pain_entries, "pain entry", "pain entries"),
        (result.plan_enrolments, "plan enrolment", "plan enrolments"),
    ]
    parts = [f"{n} {one if n == 1 else many}" for n, one, many in counts if n]
    text = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    if result.skipped:
        were = "was" if result.skipped == 1 else "were"
        return f"Imported {text}; {result.skipped} {were} already here."
    return f"Imported {text}."


def export_history(parent: QWidget | None, store: HistoryStore | None) -> Path | None:
    """Ask where, write the export (JSON, or CSV with one row per set), and say so.

    Returns the file written, or None if cancelled or it failed (after a warning).
    """
    if store is None:
        QMessageBox.warning(parent, "Export history", NO_HISTORY)
        return None
    suggested = Path.home() / f"circuit-timer-history-{date.today().isoformat()}.json"
    name, chosen_filter = ask_save_path(parent, suggested)
    if not name:
        return None
    target = with_suffix_for(name, chosen_filter)
    if str(target) != name and target.exists() and not ask_replace(parent, target):
        return None
    try:
        with _busy():
            kind = export_file(store, target)
            sessions = store.session_count()
    except StoreError as exc:
        QMessageBox.warning(parent, "Export failed", str(exc))
        return None
    text = f"Exported {plural(sessions, 'session')} to {target}."
    if kind == "csv":
        # Said here so nobody deletes their JSON backup thinking the CSV can replace it.
        text += "\n\nThe CSV is for spreadsheets; import reads the JSON export."
    QMessageBox.information(parent, "Exported", text)
    return target


def import_history(parent: QWidget | None, store: HistoryStore | None) -> ImportResult | None:
    """Ask for a JSON export, add what is new in it, and say what was added.

    Returns what was imported, or None if cancelled or the file was refused (after a
    warning; a refused file changes nothing, because the store checks it all first).
    """
    if store is None:
        QMessageBox.warning(parent, "Import history", NO_HISTORY)
        return None
    name = ask_open_path(parent, Path.home())
    if not name:
        return None
    source = Path(name)
    if source.suffix.lower() == ".csv":
        # The CSV leaves out uuids and pain entries, so it cannot be merged without duplicates.
        QMessageBox.warning(
            parent,
            "Import failed",
            f"{source.name} is a CSV export, which is for spreadsheets. "
            "Import reads a JSON export.",
        )
        return None
    try:
        with _busy():
            result = import_file(store, source)
    except StoreError as exc:
        QMessageBox.warning(parent, "Import failed", f"Nothing was imported.\n\n{exc}")
        return None
    text = import_message(result)
    if note := ended_note(result):
        text += "\n\n" + note
    QMessageBox.information(parent, "Imported", text)
    return result


class _busy:
    """A wait cursor while a large history is written or read."""

    def __enter__(self) -> None:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)

    def __exit__(self, *exc: object) -> None:
        QApplication.restoreOverrideCursor()
