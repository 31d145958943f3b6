"""The Charts page's "Earned load": per laddered exercise of the followed plan, the step
each session was done at and the load entered, seeded through the CLI; its empty state;
800x600 not clipped."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from circuit_timer.core.dates import day_month
from circuit_timer.core.library import Library, load_library
from circuit_timer.files import paths
from circuit_timer.store.history import HistoryStore
from circuit_timer.ui.chart_data import LadderPoint, timestamp
from circuit_timer.ui.chart_ladder import NO_LADDER_TEXT
from circuit_timer.ui.charts import ChartsPage, _ladders
from circuit_timer.ui.main_window import MainWindow
from tests.commandline import Cli
from tests.ui.driving import wait_loaded, wait_shown
from tests.ui.layout_checks import clipping

RACE = 23  # days from the real today: pf-crash-course sessions 30, 28, 25 and 23 out
HEEL = "towel-heel-raise"


def _day(offset: int) -> date:
    return date.today() + timedelta(days=offset)


def _library() -> Library:
    return load_library(paths.bundled_circuits_dir(), None)


@pytest.fixture
def seeded(cli: Cli) -> Iterator[HistoryStore]:
    """Three sessions of the 4-week crash course: 3 x 12 twice (bodyweight, then 7.5 kg),
    the climb to 4 x 10 with no load entered, pain after 7/10 there."""
    cli.ok("plan", "start", "pf-crash-course-4-weeks", "--race-date", _day(RACE).isoformat(),
           "--as-of", _day(RACE - 30).isoformat())  # fmt: skip
    loads = {30: ["--load", f"{HEEL}=bw"], 28: ["--load", f"{HEEL}=7.5"], 25: []}
    for out, pain in ((30, "2"), (28, "2"), (25, "7")):
        day = _day(RACE - out).isoformat()
        cli.ok("pain", "2", "--date", day, "--as-of", day)
        cli.ok("log", "pf-crash-course", "--date", day, "--pain", pain, *loads[out],
               "--as-of", day)  # fmt: skip
    with HistoryStore.in_folder(paths.user_home()) as store:
        yield store


def test_each_session_has_its_step_and_the_load_entered(seeded: HistoryStore) -> None:
    ladders = _ladders(seeded, _library(), _day(0))
    assert ladders is not None
    (series,) = ladders
    assert series.exercise_id == HEEL
    assert series.doses == ("3 x 12", "4 x 10", "5 x 8")
    assert series.points == (
        LadderPoint(_day(RACE - 30), 0, None, bodyweight=True),
        LadderPoint(_day(RACE - 28), 0, 7.5),
        LadderPoint(_day(RACE - 25), 1, None),  # no load entered: none, never 0 kg
    )


def _page(qtbot: QtBot, store: HistoryStore, library: Library, *, own: bool = True) -> ChartsPage:
    page = ChartsPage(store, date.today, library=lambda: library)
    if own:  # else a holder owns (and closes) it
        qtbot.addWidget(page)
    wait_loaded(qtbot, page)
    return page


def test_the_chart_shows_the_climb_and_says_where_the_runner_stands(
    qtbot: QtBot, seeded: HistoryStore
) -> None:
    page = _page(qtbot, seeded, _library())
    chart = page.ladder_chart
    assert not chart.view.isHidden() and chart.empty.isHidden()
    ((exercise, xs, ys),) = chart.series()
    assert exercise == HEEL
    assert xs == [timestamp(_day(RACE - out)) for out in (30, 28, 25)]
    assert ys == [1.0, 1.0, 2.0]
    assert chart.step_ticks() == ["3 x 12", "4 x 10", "5 x 8"]
    assert chart.load_labels() == [
        (timestamp(_day(RACE - 30)), "bodyweight"),
        (timestamp(_day(RACE - 28)), "7.5 kg"),
    ]
    since = day_month(_day(RACE - 25))
    assert chart.summary.text() == (
        "Single-leg heel raise, towel under the toes: "
        f"step 2 of 3 (4 x 10) since {since}; last load 7.5 kg."
    )


def test_without_a_laddered_plan_the_section_says_what_to_do(
    qtbot: QtBot, seeded: HistoryStore
) -> None:
    page = _page(qtbot, seeded, Library())  # the plan is gone: no ladder
    chart = page.ladder_chart
    assert chart.view.isHidden() and not chart.empty.isHidden()
    assert chart.empty.text() == NO_LADDER_TEXT
    assert chart.series() == []


def test_the_earned_load_is_not_clipped_at_800x600(qtbot: QtBot, seeded: HistoryStore) -> None:
    page = _page(qtbot, seeded, _library(), own=False)
    holder = QWidget()
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(page)
    QVBoxLayout(holder).addWidget(area)
    qtbot.addWidget(holder)
    holder.resize(QSize(800, 600))
    holder.show()
    qtbot.waitExposed(holder)
    assert not page.ladder_chart.view.isHidden()
    assert clipping(holder) == []


def test_without_a_followed_plan_there_is_no_ladder_section(
    qtbot: QtBot, store: HistoryStore
) -> None:
    store.add_pain(date.today(), "morning", 3)
    page = _page(qtbot, store, _library())
    assert not page.charts.isHidden()
    assert page.ladder_chart.isHidden()


def test_the_window_hands_the_charts_its_library(
    qtbot: QtBot, seeded: HistoryStore, window: MainWindow
) -> None:
    holder = wait_shown(qtbot, window, "Charts")
    (page,) = holder.findChildren(ChartsPage)
    assert [e for e, _, _ in page.ladder_chart.series()] == [HEEL]
