"""The workout page's flash: on each cue it covers the whole page for a moment, then goes;
a tempo phase's blink is shorter."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from circuit_timer.ui.flash import FLASH_MS, TEMPO_FLASH_MS, Flash


def page_with_flash(qtbot: QtBot) -> tuple[QWidget, Flash]:
    page = QWidget()
    qtbot.addWidget(page)
    page.resize(400, 300)
    flash = Flash(page)
    page.show()
    return page, flash


def test_a_flash_covers_the_page_then_hides(qtbot: QtBot) -> None:
    page, flash = page_with_flash(qtbot)
    assert not flash.isVisible() and flash.count == 0
    flash.fire()
    assert flash.isVisible() and flash.count == 1
    assert flash.geometry() == page.rect()
    assert "background-color: rgba(" in flash.styleSheet()
    qtbot.waitUntil(lambda: not flash.isVisible(), timeout=2000)


def test_a_tempo_blink_is_shorter_and_each_fire_counts(qtbot: QtBot) -> None:
    page, flash = page_with_flash(qtbot)
    assert TEMPO_FLASH_MS < FLASH_MS
    flash.fire(short=True)
    assert flash._timer.interval() == TEMPO_FLASH_MS
    flash.fire()
    assert flash._timer.interval() == FLASH_MS and flash.count == 2
    # A page resized since still gets covered whole.
    page.resize(500, 350)
    flash.fire()
    assert flash.geometry() == page.rect()
