"""The Today page's week: this week's plan sessions, Monday to Sunday, each with its
length and its status in words (the colour comes after), today's row in bold."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from pytestqt.qtbot import QtBot

from circuit_timer.core.library import Library, load_library
from circuit_timer.core.records import SessionRecord
from circuit_timer.core.schedule import PlannedStatus, plan_progress, plan_schedule
from circuit_timer.files import paths
from circuit_timer.ui.tree_rows import tree_items
from circuit_timer.ui.week_table import WeekTable

RACE = date(2026, 12, 20)
STARTED = date(2026, 11, 16)
SATURDAY = date(2026, 11, 28)  # week 3 out: pf-crash-course on Wed, Fri and Sun


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library(paths.bundled_circuits_dir(), None)


def progress(library: Library, today: date, done_on: list[date]) -> list[PlannedStatus]:
    plan = library.plan("pf-crash-course-4-weeks")
    assert plan is not None
    sessions = [
        SessionRecord(
            f"s{i}", "pf-crash-course", day, "completed", datetime(2026, 11, 1, tzinfo=UTC)
        )
        for i, day in enumerate(done_on)
    ]
    return plan_progress(plan_schedule(plan, RACE, STARTED), sessions, today)


def test_the_week_lists_its_sessions_with_their_status(qtbot: QtBot, library: Library) -> None:
    table = WeekTable()
    qtbot.addWidget(table)
    table.show_week(progress(library, SATURDAY, [date(2026, 11, 25)]), SATURDAY, library)
    assert table.statuses() == [
        ("Wed 25 Nov", "done", "\u2713 done"),
        ("Fri 27 Nov", "upcoming", "\u25cb open until today"),  # yesterday's: still counts
        ("Sun 29 Nov", "upcoming", "upcoming"),
    ]
    rows = tree_items(table)
    assert {row.text(1) for row in rows} == {"Plantar fasciitis crash course"}
    assert all(row.text(2).endswith(" min") for row in rows)
    assert not any(row.font(0).bold() for row in rows)  # today (Saturday) has no session


def test_todays_row_is_bold_and_a_missed_one_says_so(qtbot: QtBot, library: Library) -> None:
    sunday = date(2026, 11, 29)
    table = WeekTable()
    qtbot.addWidget(table)
    table.show_week(progress(library, sunday, []), sunday, library)
    assert [shown for _, _, shown in table.statuses()] == [
        "\u2717 missed",
        "\u2717 missed",  # Friday's window closed with Saturday
        "\u25b6 today",
    ]
    assert [row.font(0).bold() for row in tree_items(table)] == [False, False, True]


def test_a_week_without_sessions_says_so(qtbot: QtBot, library: Library) -> None:
    after_the_race = date(2026, 12, 23)
    table = WeekTable()
    qtbot.addWidget(table)
    table.show_week(progress(library, after_the_race, []), after_the_race, library)
    assert table.statuses() == []
    assert [row.text(1) for row in tree_items(table)] == ["No plan sessions this week"]


def test_the_table_is_as_tall_as_its_rows(qtbot: QtBot, library: Library) -> None:
    table = WeekTable()
    qtbot.addWidget(table)
    table.show_week(progress(library, SATURDAY, []), SATURDAY, library)
    table.resize(500, 400)
    table.show()
    table.fit()
    rows = sum(table.visualItemRect(item).height() for item in tree_items(table))
    header = table.header().sizeHint().height()
    assert table.height() == header + rows + 2 * table.frameWidth()
