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


def test_start_is_last_and_the_next_plan_button_waits_to_be_asked_for(qtbot: QtBot) -> None:
    column = SessionColumn()
    qtbot.addWidget(column)
    column.show()
    assert column.next_plan.isHidden()
    layout = column.layout()
    assert isinstance(layout, QVBoxLayout)
    last = layout.itemAt(layout.count() - 1)
    assert last is not None and last.widget() is column.start
