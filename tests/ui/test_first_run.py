"""The first-run screen: shown once, the idea in three lines, and the clinician note."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QDialog, QLabel
from pytestqt.qtbot import QtBot

from circuit_timer import __version__
from circuit_timer.core.describe import CLINICIAN_NOTE
from circuit_timer.ui.first_run import IDEA, SHOWN_KEY, FirstRunDialog, mark_shown, should_show


def settings_in(tmp_path: Path) -> QSettings:
    # A file of the test's own, never the user's real settings.
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def test_it_shows_once(tmp_path: Path) -> None:
    settings = settings_in(tmp_path)
    assert should_show(settings)
    mark_shown(settings)
    assert not should_show(settings)
    # Written to disk at once: a new start (a new QSettings) does not show it again.
    again = settings_in(tmp_path)
    assert not should_show(again)
    assert again.value(SHOWN_KEY) == __version__


def test_it_says_the_idea_in_three_lines_and_the_clinician_note(qtbot: QtBot) -> None:
    dialog = FirstRunDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.lines() == [*IDEA, CLINICIAN_NOTE]
    assert len(IDEA) == 3 and all(len(line) <= 80 for line in IDEA)
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    assert CLINICIAN_NOTE in texts
    assert sum(text in IDEA for text in texts) == 3
    # At the ordinary font size each idea fits on one line of the window.
    for label in dialog.idea_labels:
        assert label.height() < 2 * QFontMetrics(label.font()).lineSpacing(), label.text()
    # The wrapped note gets the height it needs: nothing cut off at the bottom.
    note = dialog.note_label
    assert note.height() >= note.heightForWidth(note.width())


def test_get_started_closes_it(qtbot: QtBot) -> None:
    dialog = FirstRunDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.start_button.text() == "Get started" and dialog.start_button.isDefault()
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert not dialog.isVisible()
