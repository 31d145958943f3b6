"""The 0-10 pain buttons: nothing pressed until the runner picks, Skip is a choice of its
own, and none of it ever reads as 0."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from circuit_timer.ui.pain_scale import PainScale


def test_nothing_is_chosen_until_a_button_is_pressed(qtbot: QtBot) -> None:
    scale = PainScale("Pain after", skip=True)
    qtbot.addWidget(scale)
    scale.show()
    assert scale.choice() is None and scale.value() is None
    assert scale.group.checkedId() == -1
    with qtbot.waitSignal(scale.chosen, timeout=1000):
        qtbot.mouseClick(scale.buttons[0], Qt.MouseButton.LeftButton)
    assert scale.choice() == 0 and scale.value() == 0
    assert scale.skip_button is not None
    qtbot.mouseClick(scale.skip_button, Qt.MouseButton.LeftButton)
    assert scale.choice() == "skip" and scale.value() is None
    assert not scale.buttons[0].isChecked()  # one choice at a time
    scale.clear()
    assert scale.choice() is None
    assert scale.buttons[7].accessibleName() == "Pain after 7 of 10"


def test_pick_and_lock(qtbot: QtBot) -> None:
    scale = PainScale("Pain during", skip=True)
    qtbot.addWidget(scale)
    scale.pick(5)
    assert scale.choice() == 5
    scale.pick("skip")
    assert scale.choice() == "skip"
    scale.pick(None)
    assert scale.choice() is None
    scale.pick(3)
    scale.set_locked(True)
    assert not any(b.isEnabled() for b in scale.group.buttons())
    assert scale.buttons[3].isChecked()  # the choice stays shown


def test_without_skip_there_are_eleven_scores(qtbot: QtBot) -> None:
    scale = PainScale("Morning pain")
    qtbot.addWidget(scale)
    assert scale.skip_button is None
    assert [b.text() for b in scale.group.buttons()] == [str(n) for n in range(11)]
    scale.pick("skip")  # nothing to press
    assert scale.choice() is None
