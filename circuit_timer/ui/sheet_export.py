"""File > Save as PDF…: the circuit or plan the window shows, as a printable sheet (the
same sheet as ``circuit-timer sheet``).

It saves the circuit or plan previewed on the Library page, or the plan on the Plan page
toward the race date picked there (the followed plan's own race and schedule when that is
what the page shows). The file dialog is behind ``ask_pdf_path`` so tests can replace it.
The models and the PDF writer are imported when the action runs: the window's first
paint builds the menu, not the sheet.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QLocale
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMenu, QMessageBox, QWidget

if TYPE_CHECKING:
    from circuit_timer.core.sheet import Sheet
    from circuit_timer.ui.main_window import MainWindow

TITLE = "Save as PDF"
PDF_FILTER = "PDF (*.pdf)"
PICKED = "the race date picked on the Plan page"
NOTHING_SHOWN = "Show a circuit or a plan first: choose one in the Library, or open the Plan page."


def ask_pdf_path(parent: QWidget | None, suggested: Path) -> str:
    """The save dialog: the chosen file name, or "" if cancelled."""
    name, _filter = QFileDialog.getSaveFileName(
        parent, TITLE, str(suggested), PDF_FILTER, PDF_FILTER
    )
    return name


def paper_for(locale: QLocale) -> str:
    """Letter where the locale measures in US units (the US, say), else A4."""
    us = locale.measurementSystem() == QLocale.MeasurementSystem.ImperialUSSystem
    return "letter" if us else "a4"


def _library_sheet(window: MainWindow, today: date) -> Sheet | None:
    from circuit_timer.core.model import Circuit
    from circuit_timer.core.plan_sheet import plan_sheet, race_choice
    from circuit_timer.core.sheet import circuit_sheet

    if window._library_page is None:
        return None
    library = window.watcher.library
    entry = library.entries.get(window.library_page.selected_id() or "")
    if entry is None:
        return None
    doc = entry.document
    if isinstance(doc, Circuit):
        return circuit_sheet(doc, today)
    followed = window.store.active_enrolment(as_of=today) if window.store else None
    choice, schedule = race_choice(doc, today, followed=followed)
    return plan_sheet(doc, schedule, choice, library.circuit, today)


def _plan_page_sheet(window: MainWindow, today: date) -> Sheet | None:
    from circuit_timer.core.plan_sheet import plan_sheet, race_choice

    page = window.plan_page
    plan = page.selected_plan() if page is not None else None
    if page is None or plan is None:
        return None
    followed = None
    if page.following_shown() and page.overview is not None:
        followed = page.overview.followed.enrolment
    choice, schedule = race_choice(
        plan, today, followed=followed, given=page.race_date(), given_reason=PICKED
    )
    return plan_sheet(plan, schedule, choice, window.watcher.library.circuit, today)


def shown_sheet(window: MainWindow) -> Sheet | None:
    """The sheet of what the window shows: the Library's preview or the Plan page's plan;
    None on any other page, or with nothing chosen."""
    shown = window.pages.currentWidget()
    today = window.today()
    if shown is window.holders.get("Library"):
        return _library_sheet(window, today)
    if shown is window.holders.get("Plan"):
        return _plan_page_sheet(window, today)
    return None


def save_as_pdf(window: MainWindow) -> Path | None:
    """Ask where, and write the sheet of what the window shows; the path written, or None
    (cancelled, nothing shown, or the write failed: a message says why)."""
    from circuit_timer.ui.sheet_pdf import SheetWriteError, write_sheet_pdf

    sheet = shown_sheet(window)
    if sheet is None:
        QMessageBox.information(window, TITLE, NOTHING_SHOWN)
        return None
    name = ask_pdf_path(window, Path.home() / f"{sheet.id}.pdf")
    if not name:
        return None
    path = Path(name)
    if path.suffix.lower() != ".pdf":
        path = path.with_name(path.name + ".pdf")
    try:
        write_sheet_pdf(sheet, path, paper_for(QLocale()))
    except SheetWriteError as exc:
        QMessageBox.warning(window, TITLE, str(exc))
        return None
    window.statusBar().showMessage(f"Saved {path}", 8000)
    return path


def add_save_as_pdf(main: QMainWindow, menu: QMenu) -> QAction:
    """File > Save as PDF…, enabled while the Library or the Plan page is shown."""
    window = cast("MainWindow", main)
    action = QAction("Save as &PDF…", window)
    action.triggered.connect(lambda _checked=False: save_as_pdf(window))

    def update() -> None:
        shown = window.pages.currentWidget()
        action.setEnabled(shown in (window.holders.get("Library"), window.holders.get("Plan")))

    menu.aboutToShow.connect(update)
    menu.addAction(action)
    return action
