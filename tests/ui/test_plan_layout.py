"""The Plan page with a followed plan, in an 800x600 window and at the default size: every
column of the schedule on screen, no row taller than its text, nothing clipped."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QSize
from pytestqt.qtbot import QtBot

from circuit_timer.ui.main_window import MainWindow
from circuit_timer.ui.plan_tree import SESSION
from tests.commandline import Cli
from tests.ui.driving import wait_loaded, wait_shown
from tests.ui.layout_checks import clipping, hidden_columns, settle, tall_rows

RACE = 23  # pf-crash-course-4-weeks: sessions 30, 28, 25 and 23 (today) days out
LONGEST = "Left-right check: heel raise, bridge, hip abduction"


def _day(offset: int) -> str:
    return (date.today() + timedelta(days=offset)).isoformat()


@pytest.mark.parametrize("size", [QSize(800, 600), QSize(1100, 760)], ids=["800x600", "1100x760"])
def test_the_followed_plan_fits(cli: Cli, window: MainWindow, qtbot: QtBot, size: QSize) -> None:
    cli.ok("plan", "start", "pf-crash-course-4-weeks", "--race-date", _day(RACE),
           "--as-of", _day(RACE - 30))  # fmt: skip
    for out, pain in ((30, "2"), (28, "2"), (25, "7")):
        day = _day(RACE - out)
        cli.ok("log", "pf-crash-course", "--date", day, "--pain", pain, "--as-of", day,
               "--load", "towel-heel-raise=7.5")  # fmt: skip
    window.resize(size)
    wait_shown(qtbot, window, "Plan")
    page = window.plan_page
    assert page is not None
    wait_loaded(qtbot, page)
    tree = page.tree
    settle()
    assert window.size() == size
    titles = [item.text(SESSION) for item in tree.session_items()]
    assert LONGEST in titles  # the title that used to push the other columns off
    assert hidden_columns(tree) == []
    assert tall_rows(tree) == []
    assert clipping(window.holders["Plan"]) == []
