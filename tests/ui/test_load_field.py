"""The load used, typed on the workout screen during the rest after a set of an exercise
with a load, and corrected on the summary before Save: both end in `history --json`."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from circuit_timer.cli import main
from circuit_timer.core.records import CompletedSet
from circuit_timer.session.load_entry import LoadPrompt
from circuit_timer.store.history import HistoryStore
from circuit_timer.ui.load_field import field_text
from circuit_timer.ui.main_window import MainWindow
from circuit_timer.ui.summary_page import LOAD_COLUMN, LOAD_HINT
from tests.ui.driving import clock, open_window, run_to_end, start

RAISE = "towel-heel-raise"


def to_switch_after_first_raise(win: MainWindow) -> None:
    """Run on to the switch after the heel raise's first (left) side."""
    assert win.controller is not None
    engine = win.controller.workout.engine
    for _ in range(3000):
        seg = engine.snapshot().segment
        if seg.exercise == RAISE and seg.kind == "switch":
            return
        wake = engine.next_wakeup()
        if wake is None or (seg.kind == "work" and seg.seconds is None):
            win.controller.done()
        else:
            clock(win).set(wake)
            win.controller.pump()
    raise AssertionError("no switch after the heel raise")


def test_field_text_says_the_prefill_what_is_typed_and_the_keys() -> None:
    done = CompletedSet(block=0, round=1, exercise_id=RAISE, exercise_name="Heel raise",
                        set_number=2, side="left", reps_target=12, reps_done=12,
                        seconds=1.0)  # fmt: skip
    prompt = LoadPrompt(done, (5.0, False))
    keys = "Enter keeps \u00b7 type kg \u00b7 W bodyweight \u00b7 \u2212 none"
    assert field_text(prompt) == f"Heel raise, set 2 left: load used 5 kg? \u00b7 {keys}"
    prompt.key("8")
    assert (
        field_text(prompt) == f"Heel raise, set 2 left: load used 8_ kg (last 5 kg) \u00b7 {keys}"
    )
    prompt.key("w")
    assert "load used bodyweight_ (last 5 kg)" in field_text(prompt)
    assert "load used _ kg \u00b7" in field_text(LoadPrompt(done, None))


def test_a_load_typed_in_the_rest_and_corrected_on_the_summary_is_in_history_json(
    qtbot: QtBot, private_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with HistoryStore.in_folder(private_home) as store:
        uid = store.start_session("pf-crash-course", local_date=date(2026, 11, 1))
        store.record_set(uid, CompletedSet(
            block=0, round=1, exercise_id=RAISE, set_number=1, side="left", reps_target=12,
            reps_done=12, seconds=96.0, load_kg=5.0))  # fmt: skip
        store.finish_session(uid, "completed")
    win = open_window(qtbot)
    start(win, qtbot, "pf-crash-course")
    page = win.workout_page
    to_switch_after_first_raise(win)
    field = page.load_field
    assert field.isVisible() and "set 1 left: load used 5 kg?" in field.text()
    qtbot.keyClicks(page, "7.5")
    assert "load used 7.5_ kg (last 5 kg)" in field.text()
    qtbot.keyClick(page, Qt.Key.Key_Return)  # the field takes Enter: the switch runs on
    assert not field.isVisible()
    assert win.controller is not None
    assert win.controller.workout.snapshot().segment.kind == "switch"
    run_to_end(win)  # every later set untouched: nothing stored for them
    summary = win.summary_page
    assert win.pages.currentWidget() is summary
    table = summary.table
    assert table.horizontalHeaderItem(LOAD_COLUMN).text() == "Load"
    cells = {
        (table.item(r, 0).text(), table.item(r, 1).text()): table.item(r, LOAD_COLUMN)
        for r in range(table.rowCount())
    }
    left = next(item for (name, side), item in cells.items() if "towel" in name and side == "left")
    right = next(
        item for (name, side), item in cells.items() if "towel" in name and side == "right"
    )
    assert (left.text(), right.text()) == ("7.5, \u2013, \u2013 kg", "")
    assert left.flags() & Qt.ItemFlag.ItemIsEditable
    assert not table.item(0, 0).flags() & Qt.ItemFlag.ItemIsEditable
    assert summary.load_hint.isVisible()
    left.setText("400")  # refused: put back, and the hint says why
    assert left.text() == "7.5, \u2013, \u2013 kg"
    assert "at most 300 kg, not 400" in summary.load_hint.text()
    left.setText("7.5")  # one load for every set of the row
    assert left.text() == "7.5 kg" and summary.load_hint.text() == LOAD_HINT
    right.setText("bw")
    qtbot.mouseClick(summary.save, Qt.MouseButton.LeftButton)
    assert summary.saved
    capsys.readouterr()
    assert main(["history", "--json"]) == 0
    newest = json.loads(capsys.readouterr().out)[0]
    loads = {(x["exercise_id"], x["set"], x["side"]): (x["load_kg"], x["bodyweight"])
             for x in newest["loads"]}  # fmt: skip
    assert loads == {
        **{(RAISE, n, "left"): (7.5, False) for n in (1, 2, 3)},
        **{(RAISE, n, "right"): (None, True) for n in (1, 2, 3)},
    }
    win.close()
