"""The summary: a workout with no completed set is kept only if the runner says so; words."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from circuit_timer.cli import main
from circuit_timer.core.events import SetCompleted
from circuit_timer.store.history import HistoryStore
from circuit_timer.ui.main_window import MainWindow
from circuit_timer.ui.summary_page import SummaryPage, facts_text, saved_text, summarise
from tests.ui.driving import open_window, start, to_next


@pytest.fixture
def window(qtbot: QtBot) -> Iterator[MainWindow]:
    win = open_window(qtbot)
    yield win
    win.close()


def stored_sessions(home: Path) -> list[tuple[str, int, int | None, str | None]]:
    """(status, sets, pain after, note) of every session in the history file."""
    with HistoryStore.in_folder(home) as store:
        counts = store.set_counts()
        return [(s.status, counts[s.uuid][0], s.pain_after, s.notes) for s in store.sessions()]


def cli_history(capsys: pytest.CaptureFixture[str]) -> list[dict[str, object]]:
    capsys.readouterr()
    assert main(["history", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert isinstance(rows, list)
    return rows


def finish_with_no_set(win: MainWindow, qtbot: QtBot) -> SummaryPage:
    start(win, qtbot, "heel-raise-test")
    page = win.workout_page
    qtbot.mouseClick(page.buttons["finish"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.finish_bar.finish, Qt.MouseButton.LeftButton)
    assert win.pages.currentWidget() is win.summary_page
    return win.summary_page


def test_a_workout_finished_with_no_set_is_not_kept_when_discarded(
    window: MainWindow, qtbot: QtBot, private_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    summary = finish_with_no_set(window, qtbot)
    assert summary.asks_to_keep
    assert summary.keep.isVisible() and summary.discard.isVisible()
    assert not summary.save.isVisible() and not summary.table.isVisible()
    assert "not in your history" in summary.empty_note.text()
    assert summary.facts.text().endswith("no set done")
    assert stored_sessions(private_home) == []  # nothing until the runner chooses
    assert cli_history(capsys) == []
    qtbot.mouseClick(summary.discard, Qt.MouseButton.LeftButton)
    assert window.pages.currentWidget() is window.holders["Library"]
    assert window.controller is None
    assert stored_sessions(private_home) == []
    assert cli_history(capsys) == []


def test_a_workout_finished_with_no_set_is_kept_when_the_runner_says_so(
    window: MainWindow, qtbot: QtBot, private_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    summary = finish_with_no_set(window, qtbot)
    summary.pain.setValue(2)
    summary.note.setText("heel too sore today")
    qtbot.mouseClick(summary.keep, Qt.MouseButton.LeftButton)
    assert window.pages.currentWidget() is window.holders["History"]
    assert stored_sessions(private_home) == [("partial", 0, 2, "heel too sore today")]
    [row] = cli_history(capsys)
    assert (row["circuit_id"], row["status"], row["sets"]) == ("heel-raise-test", "partial", 0)


def test_closing_the_window_mid_workout_with_no_set_leaves_no_session(
    qtbot: QtBot, private_home: Path
) -> None:
    win = open_window(qtbot)
    start(win, qtbot, "heel-raise-test")
    win.close()
    assert stored_sessions(private_home) == []


def test_closing_the_window_mid_workout_keeps_the_sets_done(
    qtbot: QtBot, private_home: Path
) -> None:
    win = open_window(qtbot)
    start(win, qtbot, "heel-raise-test")
    to_next(win, "work")
    assert win.controller is not None
    win.controller.done()
    win.close()
    assert stored_sessions(private_home) == [("partial", 1, None, None)]


def test_a_summary_with_sets_says_how_many_were_saved(
    window: MainWindow, qtbot: QtBot, private_home: Path
) -> None:
    start(window, qtbot, "heel-raise-test")
    to_next(window, "work")
    assert window.controller is not None
    window.controller.count_rep(+1)
    window.controller.done()
    window.workout_page.ask_finish()
    qtbot.mouseClick(window.workout_page.finish_bar.finish, Qt.MouseButton.LeftButton)
    summary = window.summary_page
    assert not summary.asks_to_keep and summary.save.isVisible()
    assert summary.facts.text().endswith("· 1 set · 1 rep")
    assert summary.saved_label.text() == "1 set saved to your history."
    assert stored_sessions(private_home) == [("partial", 1, None, None)]


def done(name: str, side: str | None, reps: int | None, target: int | None) -> SetCompleted:
    return SetCompleted(
        at=0.0, index=0, block=1, round=1, exercise_id=name.lower(), exercise_name=name,
        set_number=1, sets=1, side=side, reps_target=target, reps_done=reps, seconds=30.0,
        dose="open", load=None,
    )  # type: ignore[arg-type]  # fmt: skip


def test_the_words_count_right() -> None:
    one = [done("Bridge", None, 1, 10)]
    assert facts_text(61, one) == "Time 1:01 · 1 set · 1 rep"
    two = [done("Bridge", "left", 10, 10), done("Bridge", "right", 9, 10)]
    assert facts_text(125, two) == "Time 2:05 · 2 sets · 19 reps"
    assert facts_text(30, [done("Plank", None, None, None)]) == "Time 0:30 · 1 set"
    assert saved_text(1, 1) == "1 set saved to your history."
    assert saved_text(2, 2) == "2 sets saved to your history."
    assert saved_text(3, 2).startswith("Only 2 of 3 sets saved")
    assert saved_text(2, None) == "Not saved: the history could not be opened."
    # A set with no side is not "both" sides: it has none.
    assert [(r.side, r.sets, r.reps) for r in summarise(one)] == [("\u2013", 1, "1 / 10")]
