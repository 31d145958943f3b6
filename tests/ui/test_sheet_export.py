"""File > Save as PDF…: the Library's previewed circuit or plan, or the Plan page's plan
toward the race date picked there, written as the `sheet` command writes it (the file
dialog patched); on other pages the action is off, and a failed write says why."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QMessageBox
from pytestqt.qtbot import QtBot

from circuit_timer.core.dates import day_text
from circuit_timer.core.schedule import plan_schedule
from circuit_timer.ui import sheet_export
from circuit_timer.ui.main_window import MainWindow
from tests.commandline import Cli
from tests.pdf_reading import pdf_words
from tests.ui.driving import open_window, wait_loaded

PLAN = "pf-crash-course-4-weeks"


def save_action(window: MainWindow) -> tuple[QMenu, QAction]:
    [file_menu] = [a.menu() for a in window.menuBar().actions() if a.text() == "&File" and a.menu()]
    assert isinstance(file_menu, QMenu)
    [action] = [a for a in file_menu.actions() if a.text() == "Save as &PDF…"]
    return file_menu, action


@pytest.fixture
def save_to(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[Path]:
    """The dialog answers tmp_path/sheet (no extension); the suggestions it was given."""
    asked: list[Path] = []

    def ask(_parent: Any, suggested: Path) -> str:
        asked.append(suggested)
        return str(tmp_path / "sheet")

    monkeypatch.setattr(sheet_export, "ask_pdf_path", ask)
    return asked


def test_the_library_preview_saves_its_circuit(
    window: MainWindow, save_to: list[Path], tmp_path: Path
) -> None:
    window.show_page("Library")
    window.library_page.select("pf-crash-course")
    menu, action = save_action(window)
    menu.aboutToShow.emit()
    assert action.isEnabled()
    action.trigger()
    written = tmp_path / "sheet.pdf"
    assert save_to == [Path.home() / "pf-crash-course.pdf"]
    circuit = window.watcher.library.circuit("pf-crash-course")
    assert circuit is not None
    text = pdf_words(written)
    for exercise in (ex for block in circuit.blocks for ex in block.exercises):
        assert exercise.name in text
    assert window.statusBar().currentMessage() == f"Saved {written}"


def test_the_plan_page_saves_its_plan_toward_the_picked_race(
    window: MainWindow, save_to: list[Path], tmp_path: Path, qtbot: QtBot
) -> None:
    window.show_page("Plan")
    page = window.plan_page
    assert page is not None
    wait_loaded(qtbot, page)
    page.select_plan(PLAN)
    race = window.today() + timedelta(days=30)
    page.set_race_date(race)
    _menu, action = save_action(window)
    action.trigger()
    plan = window.watcher.library.plan(PLAN)
    assert plan is not None
    schedule = plan_schedule(plan, race, window.today())
    text = pdf_words(tmp_path / "sheet.pdf")
    assert schedule and all(day_text(p.date) in text for p in schedule)
    assert f"Race on {day_text(race, year=True)} (the race date picked on the Plan page)" in text


def test_other_pages_have_nothing_to_save(
    window: MainWindow, save_to: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    window.show_page("History")
    menu, action = save_action(window)
    menu.aboutToShow.emit()
    assert not action.isEnabled()
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: said.append(text))
    assert sheet_export.save_as_pdf(window) is None
    assert said == [sheet_export.NOTHING_SHOWN] and save_to == []


def test_a_failed_write_says_why(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    window.show_page("Library")
    window.library_page.select("pf-crash-course")
    target = tmp_path / "gone" / "x.pdf"
    monkeypatch.setattr(sheet_export, "ask_pdf_path", lambda _p, _s: str(target))
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warned.append(text))
    assert sheet_export.save_as_pdf(window) is None
    assert warned == [f"cannot write {target}: No such file or directory"]


def test_letter_paper_where_the_locale_measures_in_us_units() -> None:
    assert (
        sheet_export.paper_for(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        == "letter"
    )
    assert (
        sheet_export.paper_for(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
        == "a4"
    )


def test_the_plan_followed_keeps_its_race_and_start(
    qtbot: QtBot, cli: Cli, save_to: list[Path], tmp_path: Path
) -> None:
    race = date.today() + timedelta(days=20)
    cli.ok("plan", "start", PLAN, "--race-date", race.isoformat())
    window = open_window(qtbot)
    window.show_page("Plan")
    page = window.plan_page
    assert page is not None
    wait_loaded(qtbot, page)
    assert page.following_shown()
    sheet_export.save_as_pdf(window)
    text = pdf_words(tmp_path / "sheet.pdf")
    assert f"Race on {day_text(race, year=True)} (the race of the plan you follow)" in text
    window.close()
