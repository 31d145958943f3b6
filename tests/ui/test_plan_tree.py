"""The Plan page's table: a plan previewed from today (late starts said, passed weeks
greyed), or the plan followed with each session's status as `plan status` has it; weeks
from the furthest out to race week, race day last."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from pytestqt.qtbot import QtBot

from circuit_timer.core.library import Library, load_library
from circuit_timer.core.model import Plan
from circuit_timer.core.records import SessionRecord
from circuit_timer.core.schedule import plan_progress, plan_schedule
from circuit_timer.files import paths
from circuit_timer.ui.page_colours import PASSED_COLOUR
from circuit_timer.ui.plan_tree import CHANGES, SESSION, STATUS, TIME, WHEN, PlanTree
from circuit_timer.ui.tree_rows import child_items, tree_items

RACE = date(2026, 12, 20)


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library(paths.bundled_circuits_dir(), None)


@pytest.fixture(scope="module")
def plan(library: Library) -> Plan:
    found = library.plan("pf-crash-course-4-weeks")
    assert found is not None
    return found


def test_a_preview_runs_from_the_furthest_week_to_race_day(
    qtbot: QtBot, library: Library, plan: Plan
) -> None:
    tree = PlanTree()
    qtbot.addWidget(tree)
    today = date(2026, 11, 10)
    tree.show_preview(plan, plan_schedule(plan, RACE, today), RACE, today, library)
    titles = tree.week_titles()
    assert [t.split(":")[0].split("  (")[0] for t in titles] == [
        "4 weeks out", "3 weeks out", "2 weeks out", "1 week out", "Race week",
    ]  # fmt: skip
    assert "(Mon 16 Nov to Sun 22 Nov)" in titles[0] and "starts late" not in titles[0]
    assert tree.isColumnHidden(STATUS)
    assert [index for _, index in tree.shown_sessions()] == list(range(15))
    first = tree.session_items()[0]
    assert first.text(WHEN) == "Tue 17 Nov" and first.text(TIME).endswith(" min")
    assert first.text(CHANGES) == "as written"
    race_day = child_items(tree_items(tree)[-1])[-1]
    assert (race_day.text(WHEN), race_day.text(SESSION)) == ("Sun 20 Dec", "Race day")


def test_a_late_start_says_what_has_passed(qtbot: QtBot, library: Library, plan: Plan) -> None:
    tree = PlanTree()
    qtbot.addWidget(tree)
    today = date(2026, 11, 26)  # week 3 out, its Wednesday session gone
    tree.show_preview(plan, plan_schedule(plan, RACE, today), RACE, today, library)
    weeks = tree_items(tree)
    assert "starts late: week 4 out has passed" in weeks[0].text(WHEN)
    assert weeks[0].foreground(WHEN).color().name().upper() == PASSED_COLOUR.upper()
    assert child_items(weeks[0]) == []
    assert "starts late: 1 session already passed" in weeks[1].text(WHEN)
    assert tree.shown_sessions()[0][0] == date(2026, 11, 27)


def test_the_plan_followed_shows_each_sessions_status(
    qtbot: QtBot, library: Library, plan: Plan
) -> None:
    started, today = date(2026, 11, 16), date(2026, 11, 25)
    done = SessionRecord("s", "pf-crash-course", date(2026, 11, 18), "completed",
                         datetime(2026, 11, 18, 7, tzinfo=UTC))  # fmt: skip
    progress = plan_progress(plan_schedule(plan, RACE, started), [done], today)
    tree = PlanTree()
    qtbot.addWidget(tree)
    tree.show_progress(plan, progress, RACE, started, today, library)
    assert not tree.isColumnHidden(STATUS)
    assert tree.shown_progress()[:5] == [
        (date(2026, 11, 17), "missed", "\u2717 missed"),
        (date(2026, 11, 18), "done", "\u2713 done"),
        (date(2026, 11, 20), "missed", "\u2717 missed"),
        (date(2026, 11, 22), "missed", "\u2717 missed"),
        (date(2026, 11, 25), "upcoming", "\u25b6 today"),
    ]
    todays = tree.session_items()[4]
    assert todays.font(WHEN).bold() and not tree.session_items()[3].font(WHEN).bold()
    assert "this week" in tree.week_titles()[1] and "this week" not in tree.week_titles()[0]
    # Heavier loading in week 3: the change is said in the row.
    assert todays.text(CHANGES) != "as written"
