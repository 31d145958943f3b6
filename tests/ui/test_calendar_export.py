"""File > Export plan to calendar…: from the real window's menu, the plan read off the GUI
thread, the reminder and file asked for, the .ics written; with no plan, one clear message."""

from __future__ import annotations

import json
from datetime import date, time, timedelta
from pathlib import Path

import icalendar
import pytest
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from circuit_timer.ui import calendar_export
from circuit_timer.ui.calendar_export import NO_PLAN, OptionsDialog
from circuit_timer.ui.main_window import MainWindow
from tests.commandline import Cli

MENU_ITEM = "Export plan to calendar…"


class Asked:
    """Stands in for the dialogs and message boxes, recording what they were given."""

    def __init__(self, go_on: bool, remind: time | None, name: str) -> None:
        self.go_on, self.remind, self.name = go_on, remind, name
        self.summaries: list[str] = []
        self.suggested: list[Path] = []
        self.told: list[tuple[str, bool]] = []

    def options(self, _parent: object, summary: str) -> tuple[bool, time | None]:
        self.summaries.append(summary)
        return self.go_on, self.remind

    def save_path(self, _parent: object, suggested: Path) -> str:
        self.suggested.append(suggested)
        return self.name

    def tell(self, _parent: object, text: str, *, warning: bool = False) -> None:
        self.told.append((text, warning))


def patch(monkeypatch: pytest.MonkeyPatch, asked: Asked) -> Asked:
    monkeypatch.setattr(calendar_export, "ask_options", asked.options)
    monkeypatch.setattr(calendar_export, "ask_save_path", asked.save_path)
    monkeypatch.setattr(calendar_export, "tell", asked.tell)
    return asked


def trigger(window: MainWindow) -> None:
    [action] = [
        a
        for menu in window.menuBar().findChildren(QMenu)
        for a in menu.actions()
        if a.text().replace("&", "") == MENU_ITEM
    ]
    action.trigger()


def test_the_menu_writes_the_plan_with_its_reminders(
    window: MainWindow, cli: Cli, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    race = date.today() + timedelta(days=24)
    cli.ok("plan", "start", "pf-crash-course-4-weeks", "--race-date", race.isoformat())
    status = json.loads(cli.ok("plan", "status", "--json"))
    today = date.today().isoformat()
    left = [s["date"] for s in status["sessions"] if s["date"] >= today and s["status"] != "done"]
    asked = patch(monkeypatch, Asked(True, time(6, 30), str(tmp_path / "my plan")))

    trigger(window)
    qtbot.waitUntil(lambda: bool(asked.told))

    written = tmp_path / "my plan.ics"  # the filter's extension added
    assert asked.told == [
        (
            f"Wrote {len(left)} sessions, each with a reminder at 06:30, and the race, to "
            f"{written}. Import it into your calendar app.",
            False,
        )
    ]
    assert asked.suggested == [Path.home() / "pf-crash-course-4-weeks.ics"]
    assert f"{len(left)} sessions left" in asked.summaries[0]
    calendar = icalendar.Calendar.from_ical(written.read_bytes())
    events = calendar.walk("VEVENT")
    assert [e["DTSTART"].dt.isoformat() for e in events] == [*left, race.isoformat()]
    assert {a["TRIGGER"].dt for a in calendar.walk("VALARM")} == {timedelta(hours=6, minutes=30)}
    assert len(calendar.walk("VALARM")) == len(left)


def test_with_no_plan_it_says_so_and_asks_nothing(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    asked = patch(monkeypatch, Asked(True, None, str(tmp_path / "plan.ics")))
    trigger(window)
    qtbot.waitUntil(lambda: bool(asked.told))
    assert asked.told == [(NO_PLAN, False)]
    assert asked.summaries == [] and not (tmp_path / "plan.ics").exists()


def test_cancelling_the_options_writes_nothing(
    window: MainWindow, cli: Cli, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    race = date.today() + timedelta(days=24)
    cli.ok("plan", "start", "pf-crash-course-4-weeks", "--race-date", race.isoformat())
    asked = patch(monkeypatch, Asked(False, None, str(tmp_path / "plan.ics")))
    trigger(window)
    qtbot.waitUntil(lambda: bool(asked.summaries))
    assert asked.suggested == [] and asked.told == []
    assert not (tmp_path / "plan.ics").exists()


def test_an_unwritable_file_is_a_warning(
    window: MainWindow, cli: Cli, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    race = date.today() + timedelta(days=24)
    cli.ok("plan", "start", "pf-crash-course-4-weeks", "--race-date", race.isoformat())
    asked = patch(monkeypatch, Asked(True, None, str(tmp_path / "gone" / "plan.ics")))
    trigger(window)
    qtbot.waitUntil(lambda: bool(asked.told))
    [(text, warning)] = asked.told
    assert warning and text.startswith(f"cannot write {tmp_path / 'gone' / 'plan.ics'}: ")


def test_the_reminder_is_off_until_ticked(qtbot: QtBot) -> None:
    dialog = OptionsDialog(None, "12 sessions left")
    qtbot.addWidget(dialog)
    assert dialog.reminder() is None and not dialog.time.isEnabled()
    dialog.remind.setChecked(True)
    assert dialog.time.isEnabled() and dialog.reminder() == time(7, 0)
    dialog.time.setTime(dialog.time.time().addSecs(3600 + 15 * 60))
    assert dialog.reminder() == time(8, 15)
