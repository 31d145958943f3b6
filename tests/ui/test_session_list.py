"""The history page's session list: newest first, a partial session in orange with its
status bold, sets added under a session the first time it is opened, the selection kept
across a refill, and columns wide enough for their texts."""

from __future__ import annotations

from datetime import UTC, date, datetime

from PySide6.QtWidgets import QTreeWidgetItem
from pytestqt.qtbot import QtBot

from circuit_timer.core.records import SessionRecord, SetRecord
from circuit_timer.ui.session_list import (
    COLUMNS,
    PARTIAL_DARK,
    PARTIAL_LIGHT,
    UUID,
    SessionList,
)
from circuit_timer.ui.tree_rows import child_items, tree_items


def session(
    uuid: str, day: int, status: str = "completed", notes: str | None = None
) -> SessionRecord:
    return SessionRecord(
        uuid,
        "pf-crash-course",
        date(2026, 11, day),
        status,  # type: ignore[arg-type]
        datetime(2026, 11, day, 7, 30, tzinfo=UTC),
        circuit_title="Plantar fasciitis crash course",
        notes=notes,
    )


SESSIONS = [session("a", 20), session("b", 22, "partial"), session("c", 24, notes="felt\ngood")]
COUNTS = {"a": (7, 70), "b": (2, 20)}


def filled(qtbot: QtBot, current: str = "") -> tuple[SessionList, list[QTreeWidgetItem]]:
    tree = SessionList()
    qtbot.addWidget(tree)
    return tree, tree.fill(SESSIONS, COUNTS, current)


def test_sessions_are_listed_newest_first_with_their_counts(qtbot: QtBot) -> None:
    tree, items = filled(qtbot)
    assert [item.data(0, UUID) for item in items] == ["c", "b", "a"]
    assert tree_items(tree) == items
    assert [(item.text(3), item.text(4)) for item in items] == [
        ("0", "0"),
        ("2", "20"),
        ("7", "70"),
    ]
    # A note shows on one line, whole in its tooltip.
    assert items[0].text(len(COLUMNS) - 1) == "felt good"
    assert items[0].toolTip(len(COLUMNS) - 1) == "felt\ngood"


def test_a_partial_session_stands_out(qtbot: QtBot) -> None:
    _, items = filled(qtbot)
    partial, completed = items[1], items[2]
    assert partial.foreground(0).color().name().upper() in (PARTIAL_LIGHT, PARTIAL_DARK)
    assert partial.font(2).bold() and not completed.font(2).bold()
    assert "counted in no streak" in partial.toolTip(2)
    assert completed.foreground(0).color().name().upper() not in (PARTIAL_LIGHT, PARTIAL_DARK)


def test_sets_are_added_once_when_first_needed(qtbot: QtBot) -> None:
    _, items = filled(qtbot)
    item = items[2]
    # A session with sets can be opened before its sets are read; one without cannot.
    assert item.childIndicatorPolicy() == QTreeWidgetItem.ChildIndicatorPolicy.ShowIndicator
    assert items[0].childIndicatorPolicy() != QTreeWidgetItem.ChildIndicatorPolicy.ShowIndicator
    assert SessionList.needs_sets(item) and item.childCount() == 0
    a_set = SetRecord("a", date(2026, 11, 20), 1, 1, "raise", 2, "left", 10, 8, None,
                      exercise_name="Towel heel raise")  # fmt: skip
    SessionList.add_sets(item, [a_set])
    assert not SessionList.needs_sets(item)
    [child] = child_items(item)
    assert child.text(0) == "Towel heel raise, left: set 2 of block 1, round 1 · 8 / 10 reps"
    assert not SessionList.needs_sets(child)


def test_a_refill_keeps_the_selected_session(qtbot: QtBot) -> None:
    tree, _ = filled(qtbot)
    items = tree.fill([*SESSIONS, session("d", 25)], COUNTS, current="b")
    current = tree.currentItem()
    assert current is not None and current.data(0, UUID) == "b" and len(items) == 4


def test_each_column_is_wide_enough_for_its_widest_text(qtbot: QtBot) -> None:
    tree, items = filled(qtbot)
    metrics = tree.fontMetrics()
    for column in range(len(COLUMNS) - 1):
        widest = max(metrics.horizontalAdvance(item.text(column)) for item in items)
        assert tree.columnWidth(column) > widest, COLUMNS[column]
