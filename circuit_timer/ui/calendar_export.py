"""File > Export plan to calendar…: the active plan's sessions left and the race as an
.ics file, with an optional reminder time (the same file `circuit-timer plan calendar`
writes; choices in docs/calendar.md).

The plan is read off the GUI thread (``PageLoader``), as the pages read; the small file is
then built and written here. The dialogs and messages are behind ``ask_options``,
``ask_save_path`` and ``tell`` so tests can replace them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, cast

from PySide6.QtCore import QObject, QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from circuit_timer.core.dates import day_text
from circuit_timer.core.describe import plural
from circuit_timer.core.plan_words import plan_gone_text
from circuit_timer.files.plan_calendar import (
    CalendarWriteError,
    PlanCalendar,
    build_calendar,
    remaining_sessions,
    write_calendar,
)
from circuit_timer.store import insights
from circuit_timer.ui.page_loader import PageLoader

if TYPE_CHECKING:
    from circuit_timer.store.history import HistoryStore
    from circuit_timer.ui.library_watch import LibraryWatcher

TITLE = "Export plan to calendar"
ICS_FILTER = "iCalendar (*.ics)"
DEFAULT_REMIND = time(7, 0)
NO_PLAN = (
    "No plan is being followed, so there is nothing to put in your calendar. Choose a "
    "plan and your race date on the Plan page first."
)
NO_HISTORY = "Your history could not be opened, so the plan you follow cannot be read."


class ExportWindow(Protocol):
    """What the export needs of the main window."""

    store: HistoryStore | None
    watcher: LibraryWatcher
    today: Callable[[], date]


def tell(parent: QWidget | None, text: str, *, warning: bool = False) -> None:
    """A message box that says what happened."""
    if warning:
        QMessageBox.warning(parent, TITLE, text)
    else:
        QMessageBox.information(parent, TITLE, text)


class OptionsDialog(QDialog):
    """What the file will hold, and whether to be reminded on session days, and when."""

    def __init__(self, parent: QWidget | None, summary: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        # Wide enough that the summary reads in three or four lines, not seven.
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)
        layout = QVBoxLayout(self)
        about = QLabel(summary)
        about.setWordWrap(True)
        layout.addWidget(about)
        row = QHBoxLayout()
        self.remind = QCheckBox("Remind me on each session day at")
        self.time = QTimeEdit(QTime(DEFAULT_REMIND.hour, DEFAULT_REMIND.minute))
        self.time.setDisplayFormat("HH:mm")
        self.time.setEnabled(False)
        self.remind.toggled.connect(self.time.setEnabled)
        row.addWidget(self.remind)
        row.addWidget(self.time)
        row.addStretch(1)
        layout.addLayout(row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.addButton("Save…", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def reminder(self) -> time | None:
        """The chosen reminder time, or None for no reminder."""
        if not self.remind.isChecked():
            return None
        chosen = self.time.time()
        return time(chosen.hour(), chosen.minute())


def ask_options(parent: QWidget | None, summary: str) -> tuple[bool, time | None]:
    """The options dialog: whether the runner went on, and the reminder time (or None)."""
    dialog = OptionsDialog(parent, summary)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    return accepted, dialog.reminder()


def ask_save_path(parent: QWidget | None, suggested: Path) -> str:
    """The save dialog: the chosen name, or "" if cancelled."""
    name, _filter = QFileDialog.getSaveFileName(parent, TITLE, str(suggested), ICS_FILTER)
    return name


def with_ics(name: str) -> Path:
    """The name as typed, with .ics added when it has no such ending."""
    path = Path(name)
    return path if path.suffix.lower() == ".ics" else path.with_name(path.name + ".ics")


class CalendarExport(QObject):
    """One export: read the plan off the GUI thread, ask, write, say so.

    Signals:
        finished(object): the file written, or None (cancelled, no plan, or it failed).
    """

    finished = Signal(object)

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._parent = window
        self._window = cast(ExportWindow, window)
        self._day = self._window.today()
        self.loader: PageLoader | None = None

    def start(self) -> None:
        """Read the active plan; the rest follows when it is in."""
        store = self._window.store
        if store is None:
            tell(self._parent, NO_HISTORY, warning=True)
            self._finish(None)
            return
        library, day = self._window.watcher.library, self._day
        self.loader = PageLoader(store.path, self)
        self.loader.failed.connect(self._failed)
        self.loader.load(lambda s: insights.plan_overview(s, library, day), self._loaded)

    def _failed(self, message: str) -> None:
        tell(self._parent, message, warning=True)
        self._finish(None)

    def _loaded(self, overview: insights.PlanOverview | None) -> None:
        if overview is None:
            tell(self._parent, NO_PLAN)
            self._finish(None)
            return
        plan, enrolment = overview.followed.plan, overview.followed.enrolment
        if plan is None:
            tell(self._parent, plan_gone_text(enrolment.plan_id), warning=True)
            self._finish(None)
            return
        sessions = remaining_sessions(overview.progress, self._day)
        span = (
            f", from {day_text(sessions[0].date)} to {day_text(sessions[-1].date)}"
            if sessions
            else ""
        )
        summary = (
            f"{plan.title}: {plural(len(sessions), 'session')} left{span}, each an all-day "
            f"event, and the race on {day_text(enrolment.race_date, year=True)}. Importing "
            "the file again updates these events rather than adding copies."
        )
        accepted, remind = ask_options(self._parent, summary)
        if not accepted:
            self._finish(None)
            return
        name = ask_save_path(self._parent, Path.home() / f"{plan.id}.ics")
        if not name:
            self._finish(None)
            return
        target = with_ics(name)
        calendar = build_calendar(
            PlanCalendar(enrolment, plan, sessions, remind),
            self._window.watcher.library.circuit,
            datetime.now(UTC),
        )
        try:
            write_calendar(calendar, target)
        except CalendarWriteError as exc:
            tell(self._parent, str(exc), warning=True)
            self._finish(None)
            return
        reminder = f", each with a reminder at {remind:%H:%M}" if remind and sessions else ""
        tell(
            self._parent,
            f"Wrote {plural(len(sessions), 'session')}{reminder}, and the race, to {target}. "
            "Import it into your calendar app.",
        )
        self._finish(target)

    def _finish(self, written: Path | None) -> None:
        self.finished.emit(written)
        self.deleteLater()


def export_plan_calendar(window: QWidget) -> CalendarExport:
    """Start an export from ``window`` (the main window); it runs on by itself."""
    export = CalendarExport(window)
    export.start()
    return export
