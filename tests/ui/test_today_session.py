"""The Today page's session column: the headline larger than the facts, a big primary
Start at the bottom, and "choose your next plan" only when the page asks for it."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout
from pytestqt.qtbot import QtBot

from circuit_timer.ui.today_session import SessionColumn


def test_the_column_reads_from_across_the_room(qtbot: QtBot) -> None:
    column = SessionColumn()
    qtbot.addWidget(column)
    body = column.font().pointSizeF()
    assert column.title.font().pointSizeF() > column.facts.font().pointSizeF() > body
    assert column.title.font().bold()
    assert column.start.objectName() == "primary" and column.start.minimumHeight() >= 80
    assert column.start.font().pointSizeF() > column.title.font().pointSizeF()


def test_start_follows_the_session_before_its_details_and_next_plan_waits(qtbot: QtBot) -> None:
    # Start right under the session's title, time and blocks: the adapted dose's reason and
    # the plan's changes can run long, and the button in view must be the one that runs
    # the earned dose, never "Run the plan as written" alone (issue 14).
    column = SessionColumn()
    qtbot.addWidget(column)
    column.show()
    assert column.next_plan.isHidden()
    layout = column.layout()
    assert isinstance(layout, QVBoxLayout)
    items = [layout.itemAt(i) for i in range(layout.count())]
    widgets = [item.widget() if item is not None else None for item in items]
    start = widgets.index(column.start)
    assert widgets[start - 1] is column.blocks
    for later in (column.ladder, column.changes, column.rest, column.as_written):
        assert widgets.index(later) > start
