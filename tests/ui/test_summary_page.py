"""The summary: a workout with no completed set is kept only if the runner says so; words."""

from __future__ import annotations

import json
import shutil
import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from circuit_timer.cli import main
from circuit_timer.core.records import CompletedSet
from circuit_timer.files import paths
from circuit_timer.store.history import HistoryStore
from circuit_timer.ui.main_window import MainWindow
from circuit_timer.ui.summary_page import SummaryPage, facts_text, saved_text, summarise
from circuit_timer.ui.summary_text import SAFETY_RULE
from tests.paths import REPO
from tests.ui.driving import clock, open_window, start, to_next
from tests.ui.layout_checks import clipping


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


def one_line(text: str) -> str:
    return " ".join(text.split())


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
    qtbot.mouseClick(summary.pain_after.buttons[2], Qt.MouseButton.LeftButton)
    summary.note.setText("heel too sore today")
    qtbot.mouseClick(summary.keep, Qt.MouseButton.LeftButton)
    # The summary stays with the advice (issue 11) until Done.
    assert summary.saved and not summary.asks_to_keep
    qtbot.mouseClick(summary.done, Qt.MouseButton.LeftButton)
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


def done(name: str, side: str | None, reps: int | None, target: int | None) -> CompletedSet:
    return CompletedSet(
        block=1, round=1, exercise_id=name.lower(), exercise_name=name, set_number=1,
        side=side, reps_target=target, reps_done=reps, seconds=30.0, dose="open", load=None,  # type: ignore[arg-type]
    )  # fmt: skip


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


# -- issue 11: pain entered or absent, the advice, a test's LSI, the safety notes ---------

LEFT_RIGHT = REPO / "tests" / "data" / "tests" / "left-right-check.yaml"


Counts = dict[tuple[str, str | None], int]


def run_to_the_end(win: MainWindow, counts: Counts | None = None) -> None:
    """Run the workout to its summary, counting ``counts[(exercise id, side)]`` reps in
    those open sets and marking every open set done (a paced one never ends by itself)."""
    counts = counts or {}
    assert win.controller is not None
    controller = win.controller
    engine = controller.workout.engine
    for _ in range(5000):
        if controller.workout.finished:
            return
        snap = engine.snapshot()
        seg = snap.segment
        wake = engine.next_wakeup()
        open_set = snap.state == "running" and seg.kind == "work" and seg.seconds is None
        if wake is None or open_set:
            for _ in range(counts.get((seg.exercise, seg.side), 0)):
                controller.count_rep(+1)
            controller.done()
        else:
            clock(win).set(wake)
            controller.pump()
    raise AssertionError("the workout did not end")


def to_summary(win: MainWindow, qtbot: QtBot, circuit_id: str, **counts: int) -> SummaryPage:
    start(win, qtbot, circuit_id)
    run_to_the_end(
        win, {(key.rsplit("_", 1)[0], key.rsplit("_", 1)[1]): n for key, n in counts.items()}
    )
    assert win.pages.currentWidget() is win.summary_page
    return win.summary_page


def test_pain_starts_unchosen_and_save_stores_null_not_zero(
    window: MainWindow, qtbot: QtBot, private_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    summary = to_summary(window, qtbot, "stronger-feet")
    for scale in (summary.pain_during, summary.pain_after):
        assert scale.choice() is None
        assert not any(b.isChecked() for b in scale.group.buttons())
        assert [b.text() for b in scale.group.buttons()] == [*map(str, range(11)), "Skip"]
    assert summary.after_status.text() == "Not chosen: nothing is saved unless you pick."
    assert "0-3 is safe, 4-5 acceptable, above 5 too much" in " ".join(
        label.text() for label in summary.findChildren(QLabel)
    )
    qtbot.mouseClick(summary.save, Qt.MouseButton.LeftButton)
    assert summary.saved
    assert summary.saved_label.text() == ("Saved: pain during not entered, pain after not entered.")
    [row] = cli_history(capsys)
    assert row["pain_after"] is None and row["pain_during"] is None
    assert row["status"] == "completed"


def test_pain_during_and_after_are_stored_as_picked_and_skip_stores_nothing(
    window: MainWindow, qtbot: QtBot, private_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    summary = to_summary(window, qtbot, "stronger-feet")
    qtbot.mouseClick(summary.pain_during.buttons[4], Qt.MouseButton.LeftButton)
    assert summary.during_status.text() == "4/10: acceptable."
    qtbot.mouseClick(summary.pain_after.buttons[6], Qt.MouseButton.LeftButton)
    assert summary.after_status.text() == "6/10: too much."
    assert summary.pain_after.skip_button is not None
    qtbot.mouseClick(summary.pain_after.skip_button, Qt.MouseButton.LeftButton)  # thought better
    assert summary.after_status.text() == "Skipped: no score is saved."
    qtbot.mouseClick(summary.save, Qt.MouseButton.LeftButton)
    [row] = cli_history(capsys)
    assert (row["pain_during"], row["pain_after"]) == (4, None)
    # Once saved, the choice stays shown but cannot change.
    assert not summary.pain_during.buttons[4].isEnabled()
    assert summary.pain_during.buttons[4].isChecked()


def morning_pain(first_week: int, second_week: int) -> None:
    """Fourteen mornings up to today: a week at ``first_week``, then one at ``second_week``."""
    today = date.today()
    with HistoryStore.in_folder(paths.user_home()) as store:
        for n in range(14):
            store.add_pain(today - timedelta(days=13 - n), "morning", first_week if n < 7
                           else second_week)  # fmt: skip


def test_the_advice_is_shown_after_saving_in_the_clis_words(
    window: MainWindow, qtbot: QtBot, private_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Morning pain rising from 1 to 4 a week: the session at 3/10 after is no reason to
    # keep the load; the week-to-week clause decides.
    morning_pain(1, 4)
    summary = to_summary(window, qtbot, "stronger-feet")
    assert not summary.advice.isVisible()  # no advice before the scores are in
    qtbot.mouseClick(summary.pain_after.buttons[3], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(summary.save, Qt.MouseButton.LeftButton)
    assert summary.advice.isVisible() and summary.scroller.verticalScrollBar().value() == 0
    capsys.readouterr()
    assert main(["pain", "--trend", "--json"]) == 0
    cli = json.loads(capsys.readouterr().out)["advice"]
    assert cli["lighter_next_time"] and cli["clause"] == "week-to-week"
    shown = summary.advice.plain_text()
    assert summary.advice.title.text() == "Go lighter next session"
    assert summary.advice.message.text() == cli["message"]
    assert "Decided by the week-to-week check" in shown
    for check in cli["checks"]:
        assert check["reason"] in shown
    assert "Pain after your last session was 3/10: 0-3 is safe." in shown
    qtbot.mouseClick(summary.done, Qt.MouseButton.LeftButton)
    assert window.pages.currentWidget() is window.holders["History"]


def test_a_tests_summary_shows_its_lsi_at_once(
    window: MainWindow, qtbot: QtBot, private_home: Path
) -> None:
    (private_home / "circuits").mkdir()
    shutil.copy(LEFT_RIGHT, private_home / "circuits")
    window.watcher.reload()
    # The heel raise counted 22 and 31; the bridge counted on the left only.
    summary = to_summary(window, qtbot, "left-right-check", **{"heel-raise_left": 22,
                         "heel-raise_right": 31, "bridge_left": 18})  # fmt: skip
    assert summary.tests.isVisible()
    text = one_line(summary.tests.text())
    assert (
        "Single-leg heel raise to failure</b>: left 22, right 31 reps. LSI = weaker / "
        "stronger x 100 = 22 / 31 x 100 = 71% (left side weaker, under the usual 90% flag). "
        "Retest noise is about 7-13%: look at the trend over several tests."
    ) in text
    assert "Single-leg bridge to failure</b>: not counted on every side, so no LSI" in text
    # Training sets and both-legs tests give none.
    assert "Banded eversion" not in text and "Wall sit" not in text


def test_no_test_no_lsi_section(window: MainWindow, qtbot: QtBot) -> None:
    summary = to_summary(window, qtbot, "stronger-feet")
    assert not summary.tests.isVisible() and not summary.tests_title.isVisible()


NOTED = """\
id: noted
title: Noted
blocks:
  - exercises:
      - id: raise
        name: Heel raise
        reps: 2
        notes: Pain while loading 0-3/10 is safe; above 5/10 too much.
      - id: toes
        name: Toe yoga
        reps: 2
        notes: Toe flexors are weaker in people with heel pain (Sullivan 2015).
      - id: hop
        name: Pogo hops
        reps: 2
        notes: Stop and see a clinician if the heel hurts at night.
      - id: raise-again
        name: Heel raise, slow
        reps: 2
        notes: Same pain rule as the heel raise.
"""


def test_the_summary_shows_the_notes_that_carry_a_safety_rule(
    window: MainWindow, qtbot: QtBot, private_home: Path
) -> None:
    (private_home / "circuits").mkdir()
    (private_home / "circuits" / "noted.yaml").write_text(NOTED)
    window.watcher.reload()
    summary = to_summary(window, qtbot, "noted")
    assert summary.safety.isVisible() and summary.notes_title.isVisible()
    text = one_line(summary.safety.text())
    assert "<b>Heel raise</b>: Pain while loading 0-3/10 is safe; above 5/10 too much." in text
    assert "<b>Pogo hops</b>: Stop and see a clinician if the heel hurts at night." in text
    assert "<b>Heel raise, slow</b>: Same pain rule as the heel raise." in text
    assert "Toe yoga" not in text  # evidence, not a rule


def test_safety_rule_picks_rules_not_explanations() -> None:
    rule = SAFETY_RULE.search
    for note in ("Skip the block if hopping lifts the heel pain above 5/10.",
                 "If single leg hurts, use both legs.", "Same pain rule as the split squat.",
                 "If it is worse the next morning, lighten the next session.",
                 "Stop and see a physiotherapist."):  # fmt: skip
        assert rule(note), note
    for note in ("Eight weeks of foot-core work cut running injuries (Taddei 2020).",
                 "Trains the toe flexors, which are weaker in people with heel pain.",
                 "Optional: skip it when short of time.",
                 "10 holds of 10 s (DiGiovanni)."):  # fmt: skip
        assert not rule(note), note


def test_a_save_the_locked_history_cannot_take_yet_is_kept_and_written_later(
    window: MainWindow, qtbot: QtBot, private_home: Path
) -> None:
    # Before issue 13 a failed save asked to press Save again; now pain and note are kept
    # in the journal, the page says so, and the writer puts them in once the lock goes.
    summary = to_summary(window, qtbot, "stronger-feet")
    assert summary.saved_label.text().endswith("saved to your history.")
    locker = sqlite3.connect(private_home / "history.db", isolation_level=None)
    locker.execute("BEGIN EXCLUSIVE")
    try:
        qtbot.mouseClick(summary.pain_after.buttons[3], Qt.MouseButton.LeftButton)
        summary.note.setText("kept")
        qtbot.mouseClick(summary.save, Qt.MouseButton.LeftButton)
        assert summary.saved
        assert summary.saved_label.text() == (
            "Kept safely, written as soon as the history can take it: pain during not "
            "entered, pain after 3/10."
        )
    finally:
        locker.execute("COMMIT")
        locker.close()
    qtbot.waitUntil(lambda: [s[2:] for s in stored_sessions(private_home)] == [(3, "kept")])


def test_the_summary_fits_800_by_600_before_and_after_saving(
    window: MainWindow, qtbot: QtBot, private_home: Path
) -> None:
    window.resize(800, 600)
    (private_home / "circuits").mkdir()
    shutil.copy(LEFT_RIGHT, private_home / "circuits")
    window.watcher.reload()
    summary = to_summary(window, qtbot, "left-right-check", **{"heel-raise_left": 22,
                         "heel-raise_right": 31})  # fmt: skip
    for _ in range(10):
        QApplication.processEvents()
    assert clipping(summary) == []
    # Nothing runs off to the right, where the page has no scroll bar.
    body = summary.scroller.widget()
    assert body.width() <= summary.scroller.viewport().width()
    # The buttons stay in view whatever the page scrolls.
    assert summary.save.isVisible()
    assert summary.save.mapTo(window, summary.save.rect().bottomLeft()).y() <= window.height()
    qtbot.mouseClick(summary.save, Qt.MouseButton.LeftButton)
    for _ in range(10):
        QApplication.processEvents()
    assert clipping(summary) == []
