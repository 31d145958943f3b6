"""FlowLayout: items wrap onto more rows as the width runs out, balanced rows for a scale,
and the height it asks for is the height it uses."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QApplication, QLabel, QSizePolicy, QToolButton, QWidget
from pytestqt.qtbot import QtBot

from circuit_timer.ui.flow_layout import FlowLayout


def rows_of(widgets: Sequence[QWidget]) -> list[list[str]]:
    """The widgets' texts, row by row, as laid out."""
    rows: dict[int, list[tuple[int, str]]] = {}
    for widget in widgets:
        text = widget.text() if isinstance(widget, QLabel | QToolButton) else ""
        rows.setdefault(widget.y(), []).append((widget.x(), text))
    return [[text for _, text in sorted(row)] for _, row in sorted(rows.items())]


def lay_out(qtbot: QtBot, holder: QWidget, width: int) -> None:
    layout = holder.layout()
    assert layout is not None
    holder.resize(width, layout.heightForWidth(width))
    holder.show()
    qtbot.waitExposed(holder)
    QApplication.processEvents()


def test_a_scale_splits_into_even_rows(qtbot: QtBot) -> None:
    holder = QWidget()
    qtbot.addWidget(holder)
    flow = FlowLayout(holder, spacing=4, balanced=True)
    buttons = []
    for n in range(11):
        button = QToolButton()
        button.setText(str(n))
        button.setFixedHeight(30)
        button.setMinimumWidth(40)
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        flow.addWidget(button)
        buttons.append(button)
    lay_out(qtbot, holder, 11 * 40 + 10 * 4)
    assert rows_of(buttons) == [[str(n) for n in range(11)]]
    # A little narrower: not 0-9 and a lone 10, but 0-5 over 6-10.
    lay_out(qtbot, holder, 11 * 40 + 10 * 4 - 1)
    assert rows_of(buttons) == [[str(n) for n in range(6)], [str(n) for n in range(6, 11)]]
    assert holder.height() == 2 * 30 + 4
    assert len({b.width() for b in buttons}) == 1  # one cell width for every score
    assert all(b.geometry().right() < holder.width() for b in buttons)
    lay_out(qtbot, holder, 100)  # two to a row at most
    assert [len(row) for row in rows_of(buttons)] == [2, 2, 2, 2, 2, 1]
    assert flow.minimumSize().width() == 40


def test_words_flow_onto_the_next_row(qtbot: QtBot) -> None:
    holder = QWidget()
    qtbot.addWidget(holder)
    flow = FlowLayout(holder, spacing=10, row_spacing=2)
    labels = [QLabel(text) for text in ("Morning pain (0-10)", "Session day", "90% (usual flag)")]
    for label in labels:
        flow.addWidget(label)
    widths = [label.sizeHint().width() for label in labels]
    lay_out(qtbot, holder, sum(widths) + 20)
    assert rows_of(labels) == [["Morning pain (0-10)", "Session day", "90% (usual flag)"]]
    lay_out(qtbot, holder, widths[0] + widths[1] + 10)
    assert rows_of(labels) == [["Morning pain (0-10)", "Session day"], ["90% (usual flag)"]]
    height = max(label.sizeHint().height() for label in labels)
    assert holder.height() == 2 * height + 2
    assert all(label.width() == label.sizeHint().width() for label in labels)
    assert flow.minimumSize().width() == max(widths)
