"""A streak card: the number, its unit in the singular for one, and a name a screen reader
says in full."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from circuit_timer.ui.streak_card import StreakCard


def test_the_card_shows_the_number_and_its_unit(qtbot: QtBot) -> None:
    card = StreakCard("Weeks on target")
    qtbot.addWidget(card)
    assert card.value.text() == "0"
    card.show_number(3, "week")
    assert (card.value.text(), card.unit.text()) == ("3", "weeks")
    assert card.accessibleName() == "Weeks on target: 3 weeks"
    card.show_number(1, "week")
    assert (card.value.text(), card.unit.text()) == ("1", "week")
    assert card.accessibleName() == "Weeks on target: 1 week"
    card.show_number(0, "day")
    assert card.unit.text() == "days"


def test_the_number_is_larger_than_its_title(qtbot: QtBot) -> None:
    card = StreakCard("Days in a row")
    qtbot.addWidget(card)
    assert card.value.font().pointSizeF() > 2 * card.title.font().pointSizeF()
    assert card.value.font().bold()
