"""Tree helpers: walking the items, and rows tall enough for their wrapped text."""

from __future__ import annotations

from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem
from pytestqt.qtbot import QtBot

from circuit_timer.ui.tree_rows import WrappingDelegate, child_items, tree_items

LONG = "Single-leg heel raise off a step, slow on the way down, knee straight " * 3


def test_tree_and_child_items_in_order(qtbot: QtBot) -> None:
    tree = QTreeWidget()
    qtbot.addWidget(tree)
    first, second = QTreeWidgetItem(["a"]), QTreeWidgetItem(["b"])
    tree.addTopLevelItems([first, second])
    first.addChildren([QTreeWidgetItem(["a1"]), QTreeWidgetItem(["a2"])])
    assert tree_items(tree) == [first, second]
    assert [c.text(0) for c in child_items(first)] == ["a1", "a2"]
    assert child_items(second) == []


def test_wrapped_text_gets_a_taller_row_and_grows_when_the_column_narrows(
    qtbot: QtBot,
) -> None:
    tree = QTreeWidget()
    qtbot.addWidget(tree)
    tree.setColumnCount(2)
    tree.setItemDelegate(WrappingDelegate(tree, 0))
    short, long = QTreeWidgetItem(["Hop", "3"]), QTreeWidgetItem([LONG, "3"])
    tree.addTopLevelItems([short, long])
    tree.resize(600, 400)
    tree.header().resizeSection(0, 400)
    tree.show()
    qtbot.waitExposed(tree)
    assert tree.wordWrap()
    one_line = tree.visualItemRect(short).height()
    wide = tree.visualItemRect(long).height()
    assert wide >= 2 * one_line
    tree.header().resizeSection(0, 200)
    qtbot.waitUntil(lambda: tree.visualItemRect(long).height() > wide, timeout=2000)
    assert tree.visualItemRect(short).height() == one_line
