"""The Plan page's chooser: the plans by title, the chosen one's summary and length, the
race date picked on a calendar from Monday, and the sessions and race day marked on it."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont
from pytestqt.qtbot import QtBot

from circuit_timer.core.library import Library, load_library
from circuit_timer.core.schedule import plan_schedule
from circuit_timer.files import paths
from circuit_timer.ui.page_colours import PASSED_COLOUR, RACE_COLOUR, SESSION_COLOUR, STATUS_LOOK
from circuit_timer.ui.plan_chooser import PlanChooser, pydate, qdate

TODAY = date(2026, 11, 16)
RACE = date(2026, 12, 20)


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library(paths.bundled_circuits_dir(), None)


@pytest.fixture
def chooser(qtbot: QtBot, library: Library) -> PlanChooser:
    made = PlanChooser()
    qtbot.addWidget(made)
    plans = [library.plan(e.id) for e in library.sorted_entries() if e.kind == "plan"]
    made.fill([p for p in plans if p is not None], "pf-crash-course-4-weeks")
    return made


def test_dates_go_to_qt_and_back_unchanged() -> None:
    for day in (date(2026, 2, 28), date(2028, 2, 29), date(2026, 12, 31)):
        assert pydate(qdate(day)) == day


def test_fill_chooses_the_plan_asked_for_without_a_signal(qtbot: QtBot, library: Library) -> None:
    made = PlanChooser()
    qtbot.addWidget(made)
    plan = library.plan("pf-crash-course-4-weeks")
    assert plan is not None
    with qtbot.assertNotEmitted(made.plans.currentIndexChanged):
        made.fill([plan], "pf-crash-course-4-weeks")
    assert made.selected_plan_id() == "pf-crash-course-4-weeks"
    assert made.plans.currentText() == plan.title
    # A plan no longer there: the first is chosen.
    made.fill([plan], "gone")
    assert made.selected_plan_id() == "pf-crash-course-4-weeks"
    made.fill([], None)
    assert made.selected_plan_id() is None


def test_select_plan_and_its_summary(chooser: PlanChooser, library: Library) -> None:
    chooser.select_plan("stronger-feet-8-weeks")
    assert chooser.selected_plan_id() == "stronger-feet-8-weeks"
    chooser.select_plan("no-such-plan")
    assert chooser.selected_plan_id() == "stronger-feet-8-weeks"
    plan = library.plan("pf-crash-course-4-weeks")
    assert plan is not None
    chooser.show_plan(plan)
    assert chooser.summary.text().endswith("\n(4 weeks + race week)")
    chooser.show_plan(None)
    assert chooser.summary.text() == "There are no plans in the library."


def test_the_race_date_is_picked_and_said(qtbot: QtBot, chooser: PlanChooser) -> None:
    assert chooser.calendar.firstDayOfWeek() == Qt.DayOfWeek.Monday
    with qtbot.waitSignal(chooser.calendar.selectionChanged):
        chooser.set_race_date(RACE)
    assert chooser.race_date() == RACE
    with qtbot.assertNotEmitted(chooser.calendar.selectionChanged):
        chooser.set_race_date(date(2026, 12, 27), quietly=True)
    assert chooser.race_date() == date(2026, 12, 27)
    chooser.show_race(RACE, TODAY)
    assert chooser.race_label.text() == "Race day: Sun 20 Dec 2026\n34 days from today."
    chooser.show_race(TODAY, TODAY)
    assert chooser.race_label.text().endswith("\nThat is today.")
    chooser.set_earliest(TODAY)
    chooser.set_race_date(date(2026, 11, 1))
    assert chooser.race_date() == TODAY


def test_sessions_missed_ones_race_day_and_the_past_are_marked(
    chooser: PlanChooser, library: Library
) -> None:
    plan = library.plan("pf-crash-course-4-weeks")
    assert plan is not None
    schedule = plan_schedule(plan, RACE, date(2026, 11, 10))
    today = date(2026, 11, 20)
    chooser.mark(schedule, RACE, today, {date(2026, 11, 18)})

    def look(day: date) -> tuple[str, bool]:
        fmt = chooser.calendar.dateTextFormat(qdate(day))
        return fmt.foreground().color().name().upper(), fmt.fontWeight() == QFont.Weight.Bold

    assert look(date(2026, 11, 20)) == (SESSION_COLOUR, True)
    assert look(date(2026, 11, 18)) == (str(STATUS_LOOK["missed"][1]), True)
    assert look(date(2026, 11, 19)) == (PASSED_COLOUR.upper(), False)
    race = chooser.calendar.dateTextFormat(qdate(RACE))
    assert race.background().color() == QColor(RACE_COLOUR)
    # Marking again for another race leaves no old mark behind.
    chooser.mark([], date(2026, 12, 27), TODAY, set())
    assert (
        chooser.calendar.dateTextFormat(qdate(RACE)).background().style() == Qt.BrushStyle.NoBrush
    )
    assert look(date(2026, 11, 18)) != (SESSION_COLOUR, True)


def test_the_race_date_can_be_picked_from_today_to_two_years_ahead(
    qtbot: QtBot, chooser: PlanChooser
) -> None:
    chooser.set_earliest(TODAY)
    assert pydate(chooser.calendar.minimumDate()) == TODAY
    assert pydate(chooser.calendar.maximumDate()) == date(2028, 11, 15)
    chooser.set_race_date(date(9999, 12, 31))
    assert chooser.race_date() == date(2028, 11, 15)
    chooser.set_race_date(date(1, 1, 1))
    assert chooser.race_date() == TODAY
    # The keyboard cannot step past the last day either.
    chooser.set_race_date(date(2028, 11, 15))
    chooser.calendar.setFocus()
    qtbot.keyClick(chooser.calendar.focusWidget() or chooser.calendar, Qt.Key.Key_Right)
    qtbot.keyClick(chooser.calendar.focusWidget() or chooser.calendar, Qt.Key.Key_PageDown)
    assert chooser.race_date() == date(2028, 11, 15)
