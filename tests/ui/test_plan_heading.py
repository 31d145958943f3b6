"""The Plan page's heading: the schedule's title in bold, and under it the rule's reason in
a smaller regular font, shown only when there is one."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from circuit_timer.ui.plan_heading import PlanHeading

TITLE = "Your plan since Mon 16 Nov: 3 done, 0 missed, 10 upcoming (adherence 100%)"
REASON = (
    "Heel raise: 3 x 12 today. Pain passed 5/10: Heel raise steps back to 3 x 12, "
    "load: 12RM (you could just manage 12)."
)


def test_the_reason_goes_under_the_title_in_a_smaller_regular_font(qtbot: QtBot) -> None:
    heading = PlanHeading()
    qtbot.addWidget(heading)
    heading.resize(400, 200)
    heading.show()
    heading.show_title(TITLE, REASON)
    assert heading.title.text() == TITLE
    assert heading.reason.text() == REASON and heading.reason.isVisible()
    title, reason = heading.title.font(), heading.reason.font()
    assert title.bold() and not reason.bold()
    assert reason.pointSizeF() < title.pointSizeF()
    # A long reason wraps within the page rather than widening it.
    assert heading.reason.wordWrap()
    assert heading.reason.y() >= heading.title.geometry().bottom()


def test_a_title_without_a_reason_leaves_no_reason_line(qtbot: QtBot) -> None:
    heading = PlanHeading()
    qtbot.addWidget(heading)
    heading.show()
    heading.show_title(TITLE, REASON)
    heading.show_title("No plan chosen: choose one on the left.")
    assert heading.title.text() == "No plan chosen: choose one on the left."
    assert heading.reason.text() == "" and not heading.reason.isVisible()
