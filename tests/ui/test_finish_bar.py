"""The question before finishing early: what finishing now keeps, Keep going or Finish,
and a bar that lies over the bottom of the page."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from circuit_timer.ui.finish_bar import FinishBar, question


def test_the_question_says_what_finishing_now_keeps() -> None:
    assert "No set is done yet: nothing is saved unless you choose" in question(0)
    assert question(1) == "Finish now? Your 1 set so far is saved as a partial session."
    assert question(3) == "Finish now? Your 3 sets so far are saved as a partial session."


def bar_on_page(qtbot: QtBot) -> tuple[QWidget, FinishBar]:
    page = QWidget()
    qtbot.addWidget(page)
    page.resize(800, 600)
    bar = FinishBar(page)
    page.show()
    return page, bar


def test_asking_shows_the_question_and_the_button_says_what_it_does(qtbot: QtBot) -> None:
    _, bar = bar_on_page(qtbot)
    assert not bar.isVisible()
    bar.ask(0)
    assert bar.isVisible() and bar.finish.text() == "Finish"
    # A set finishes while the question is open.
    bar.update_sets(1)
    assert bar.finish.text() == "Finish and save" and bar.message.text() == question(1)
    assert bar.keep.isDefault()


def test_each_answer_hides_the_bar_and_says_which(qtbot: QtBot) -> None:
    _, bar = bar_on_page(qtbot)
    bar.ask(2)
    with qtbot.waitSignal(bar.keep_going), qtbot.assertNotEmitted(bar.finish_confirmed):
        qtbot.mouseClick(bar.keep, Qt.MouseButton.LeftButton)
    assert not bar.isVisible()
    bar.ask(2)
    with qtbot.waitSignal(bar.finish_confirmed), qtbot.assertNotEmitted(bar.keep_going):
        qtbot.mouseClick(bar.finish, Qt.MouseButton.LeftButton)
    assert not bar.isVisible()


def test_the_bar_lies_at_the_bottom_and_grows_up_only_as_needed(qtbot: QtBot) -> None:
    page, bar = bar_on_page(qtbot)
    bar.ask(2)
    bar.place(450, 20)
    geometry = bar.geometry()
    assert (geometry.left(), geometry.top()) == (8, 450)
    assert geometry.right() == page.width() - 9 and geometry.bottom() == page.height() - 9
    assert bar.message.font().pixelSize() == 20 and bar.message.font().bold()
    # Too little room below the rows it covers: it rises to fit the question.
    bar.place(page.height() - 20, 20)
    assert bar.geometry().height() >= bar.heightForWidth(bar.width())
    assert bar.geometry().bottom() == page.height() - 9
