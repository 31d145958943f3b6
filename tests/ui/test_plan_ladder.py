"""The Plan page's ladder lines: the step each past session of the laddered heel raise
was done at (the climb, then the step back) with the load entered, and today's dose with
its decision; the rule's reason in the row's tooltip and in sight under the schedule's
title (in the body's font, not the title's) and in the selected session's detail, in the
words `plan today` has."""

from __future__ import annotations

from datetime import date, timedelta

from pytestqt.qtbot import QtBot

from circuit_timer.ui.main_window import MainWindow
from circuit_timer.ui.plan_tree import CHANGES, SESSION_DATE, WHEN
from tests.commandline import Cli
from tests.ui.driving import wait_loaded, wait_shown

RACE = 23  # days from the real today: pf-crash-course sessions 30, 28, 25 and 23 out


def _day(offset: int) -> date:
    return date.today() + timedelta(days=offset)


def test_past_sessions_show_their_step_and_today_its_earned_dose(
    cli: Cli, window: MainWindow, qtbot: QtBot
) -> None:
    cli.ok("plan", "start", "pf-crash-course-4-weeks", "--race-date", _day(RACE).isoformat(),
           "--as-of", _day(RACE - 30).isoformat())  # fmt: skip
    for out, pain in ((30, "2"), (28, "2"), (25, "7")):
        day = _day(RACE - out).isoformat()
        cli.ok("pain", "2", "--date", day, "--as-of", day)
        cli.ok("log", "pf-crash-course", "--date", day, "--pain", pain, "--as-of", day)
    wait_shown(qtbot, window, "Plan")
    page = window.plan_page
    assert page is not None
    wait_loaded(qtbot, page)
    rows = {item.data(WHEN, SESSION_DATE): item for item in page.tree.session_items()}
    lines = {day: rows[_day(RACE - out).isoformat()].text(CHANGES).splitlines()[-1]
             for day, out in (("30", 30), ("28", 28), ("25", 25), ("23", 23))}  # fmt: skip
    assert lines == {
        "30": "Ladder: done at 3 x 12",
        "28": "Ladder: done at 3 x 12",
        "25": "Ladder: done at 4 x 10",  # the climb
        "23": "Ladder: 3 x 12 today (back)",  # and the step back
    }
    tip = rows[_day(0).isoformat()].toolTip(CHANGES)
    assert "Pain passed 5/10" in tip


def test_each_step_says_the_load_entered_and_today_says_why_in_sight(
    cli: Cli, window: MainWindow, qtbot: QtBot
) -> None:
    cli.ok("plan", "start", "pf-crash-course-4-weeks", "--race-date", _day(RACE).isoformat(),
           "--as-of", _day(RACE - 30).isoformat())  # fmt: skip
    for out, pain, load in ((30, "2", ["7.5"]), (28, "2", ["bw"]), (25, "7", [])):
        day = _day(RACE - out).isoformat()
        cli.ok("pain", "2", "--date", day, "--as-of", day)
        loads = [f"--load=towel-heel-raise={kg}" for kg in load]
        cli.ok("log", "pf-crash-course", "--date", day, "--pain", pain, "--as-of", day, *loads)
    wait_shown(qtbot, window, "Plan")
    page = window.plan_page
    assert page is not None
    wait_loaded(qtbot, page)
    rows = {item.data(WHEN, SESSION_DATE): item for item in page.tree.session_items()}
    lines = [rows[_day(RACE - out).isoformat()].text(CHANGES).splitlines()[-1]
             for out in (30, 28, 25)]  # fmt: skip
    assert lines == [
        "Ladder: done at 3 x 12, 7.5 kg",
        "Ladder: done at 3 x 12, bodyweight",
        "Ladder: done at 4 x 10",  # no load entered: none said, never 0 kg
    ]
    # Today's reason is on the page, not only in a tooltip: under the schedule's title,
    # and in the detail of today's session when it is selected.
    reason = "Pain passed 5/10: Single-leg heel raise, towel under the toes steps back"
    assert reason in page.reason.text() and page.reason.isVisible()
    assert "3 x 12, load: 12RM (you could just manage 12) today." in page.reason.text()
    # A sentence of explanation, not a heading: the title keeps to its own line.
    assert reason not in page.schedule_title.text()
    title, said = page.schedule_title.font(), page.reason.font()
    assert title.bold() and not said.bold()
    assert said.pointSizeF() < title.pointSizeF()
    page.tree.setCurrentItem(rows[_day(0).isoformat()])
    assert reason in page.detail.text()
    page.tree.setCurrentItem(rows[_day(RACE - 30).isoformat()])
    assert page.detail.text().endswith("towel under the toes: done at 3 x 12, 7.5 kg")


def test_a_late_start_says_under_the_title_that_the_ladder_will_not_be_climbed(
    cli: Cli, window: MainWindow, qtbot: QtBot
) -> None:
    cli.ok("plan", "start", "pf-crash-course-4-weeks", "--race-date", _day(14).isoformat())
    wait_shown(qtbot, window, "Plan")
    page = window.plan_page
    assert page is not None
    wait_loaded(qtbot, page)
    text = page.reason.text()
    assert "First session on the ladder: Single-leg heel raise" in text
    assert "14 days to the race: fewer than the 18 the ladder needs" in text
    assert page.reason.isVisible()


def _rising_morning_pain(cli: Cli) -> None:
    cli.ok("plan", "start", "pf-crash-course-4-weeks", "--race-date", _day(RACE).isoformat(),
           "--as-of", _day(RACE - 30).isoformat())  # fmt: skip
    # First-step morning pain at 1/10 for a week and more, then at 4/10 for the last week:
    # a rise week on week, so the heel raise steps back though the sessions went well.
    for offset in range(-16, 1):
        day = _day(offset).isoformat()
        cli.ok("pain", "1" if offset < -7 else "4", "--date", day, "--as-of", day)
    for out in (30, 28, 25):
        day = _day(RACE - out).isoformat()
        cli.ok("log", "pf-crash-course", "--date", day, "--pain", "2", "--as-of", day)


def test_a_rise_in_morning_pain_is_said_in_the_words_of_plan_today(
    cli: Cli, window: MainWindow, qtbot: QtBot
) -> None:
    _rising_morning_pain(cli)
    said = [line.strip() for line in cli.ok("plan", "today").splitlines()]
    [why] = [line for line in said if line.startswith("Morning pain rose week on week")]
    # By how much: the last 7 mornings at 4/10; the 7 before, six at 1/10 and one at 4/10.
    assert why.startswith(
        "Morning pain rose week on week (average 4.0/10 over the last 7 mornings you scored, "
        "up from 1.4/10 over the 7 before): Single-leg heel raise"
    )
    wait_shown(qtbot, window, "Plan")
    page = window.plan_page
    assert page is not None
    wait_loaded(qtbot, page)
    assert why in page.reason.text().splitlines()[0]
    assert page.reason.isVisible()


def test_a_step_back_that_changes_only_the_load_says_the_load_in_its_row(
    cli: Cli, window: MainWindow, qtbot: QtBot
) -> None:
    # Below the first step the ladder's `back` keeps 3 x 12 and changes the load to both
    # legs: without the load the row would read as the first step's 3 x 12.
    _rising_morning_pain(cli)
    wait_shown(qtbot, window, "Plan")
    page = window.plan_page
    assert page is not None
    wait_loaded(qtbot, page)
    rows = {item.data(WHEN, SESSION_DATE): item for item in page.tree.session_items()}
    lines = {out: rows[_day(RACE - out).isoformat()].text(CHANGES).splitlines()[-1]
             for out in (30, 28, 25, 23)}  # fmt: skip
    assert lines == {
        30: "Ladder: done at 3 x 12",
        28: "Ladder: done at 3 x 12",
        25: "Ladder: done at 3 x 12, load: Both legs at once, bodyweight",  # the step back
        23: "Ladder: 3 x 12, load: Both legs at once, bodyweight today (back)",  # stays back
    }
