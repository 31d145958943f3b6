"""The window's Start of today's plan session runs the dose the progression rule earned
(as `circuit-timer run` does) and records the ladder step with the session; Today shows
that dose beside the plan's, with the rule's reason."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from circuit_timer.ui.main_window import MainWindow
from tests.commandline import Cli
from tests.ui.driving import run_to_end, wait_loaded, wait_shown

HEEL = "towel-heel-raise"
PLAN = "pf-crash-course-4-weeks"
# The race 23 days from the real today (the window's today): the plan started 30 days
# before it, with pf-crash-course sessions 30, 28, 25 and 23 days out (today), where the
# plan as written has 4 x 10RM heel raises.
RACE = 23


def _day(offset: int) -> str:
    return (date.today() + timedelta(days=offset)).isoformat()


@pytest.fixture
def stepped_back(cli: Cli) -> None:
    """Two logged sessions at the first step with every rep and pain after 2/10 (the
    climb to 4 x 10), then one at 4 x 10 with pain after 7/10: today steps back to 3 x 12."""
    cli.ok("plan", "start", PLAN, "--race-date", _day(RACE), "--as-of", _day(RACE - 30))
    for out, pain in ((30, "2"), (28, "2"), (25, "7")):
        day = _day(RACE - out)
        cli.ok("pain", "2", "--date", day, "--as-of", day)  # steady morning pain
        cli.ok("log", "pf-crash-course", "--date", day, "--pain", pain, "--as-of", day)


def _heel(win: MainWindow) -> tuple[int, int | None]:
    assert win.workout_run is not None
    [ex] = [e for b in win.workout_run.circuit.blocks for e in b.exercises if e.id == HEEL]
    return ex.sets, ex.reps


@pytest.mark.usefixtures("stepped_back")
def test_today_shows_the_adapted_dose_beside_the_plans_with_the_reason(
    window: MainWindow, qtbot: QtBot
) -> None:
    wait_shown(qtbot, window, "Today")
    page = window.today_page
    assert page is not None
    wait_loaded(qtbot, page)
    text = page.session.ladder.text()
    assert "3 x 12, load: 12RM (you could just manage 12) \u2014 the plan has 4 x 10" in text
    assert "Pain passed 5/10: Single-leg heel raise, towel under the toes steps back" in text
    assert page.session.ladder.isVisible()
    assert page.session.changes.text().startswith("The plan as written changes today:")


@pytest.mark.usefixtures("stepped_back")
def test_start_runs_the_adapted_dose_and_records_its_step(window: MainWindow, qtbot: QtBot) -> None:
    window.start_plan_session()
    qtbot.waitUntil(lambda: window.workout_run is not None)
    assert _heel(window) == (3, 12)  # the plan as written has 4 x 10 today
    assert window.workout_run is not None
    segments = window.workout_run.workout.engine.segments
    first = next(s for s in segments if s.kind == "work" and s.exercise == HEEL)
    assert (first.sets, first.reps) == (3, 12)
    run_to_end(window)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.summary_page)
    assert window.store is not None
    steps = window.store.ladder_steps(PLAN, date.today(), date.today())
    assert list(steps.values()) == [{HEEL: 0}]


@pytest.mark.usefixtures("stepped_back")
def test_the_plan_as_written_runs_from_today_and_the_choice_is_recorded(
    window: MainWindow, qtbot: QtBot
) -> None:
    wait_shown(qtbot, window, "Today")
    page = window.today_page
    assert page is not None
    wait_loaded(qtbot, page)
    assert page.session.as_written.isVisible()
    qtbot.mouseClick(page.session.as_written, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.workout_run is not None)
    assert _heel(window) == (4, 10)  # the plan as written, not the step back
    run_to_end(window)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.summary_page)
    assert window.store is not None
    steps = window.store.ladder_steps(PLAN, date.today(), date.today())
    assert list(steps.values()) == [{HEEL: None}]
