"""The sessions heatmap: a year of ISO weeks up to today, a deeper green for more sessions,
partial days marked apart, each square clickable and reachable with the keys."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from circuit_timer.ui.heatmap import MAX_PITCH, MIN_PITCH, WEEKS, HeatmapWidget

TODAY = date(2026, 11, 25)  # a Wednesday


def heatmap(qtbot: QtBot, counts: dict[date, int] | None = None, **partial: int) -> HeatmapWidget:
    heat = HeatmapWidget()
    qtbot.addWidget(heat)
    heat.resize(900, 260)
    days = {TODAY - timedelta(days=int(k[1:])): n for k, n in partial.items()}
    heat.set_data(counts or {}, days, TODAY)
    heat.show()
    return heat


def test_the_grid_runs_whole_iso_weeks_to_today(qtbot: QtBot) -> None:
    heat = heatmap(qtbot)
    assert heat.start.weekday() == 0  # a Monday
    assert heat.start + timedelta(days=7 * (WEEKS - 1)) <= TODAY
    assert (TODAY - heat.start).days < 7 * WEEKS
    assert heat.cell_rect(heat.start) is not None and heat.cell_rect(TODAY) is not None
    assert heat.cell_rect(heat.start - timedelta(days=1)) is None
    assert heat.cell_rect(TODAY + timedelta(days=1)) is None


def test_more_sessions_are_a_deeper_green_and_partial_days_stand_apart(qtbot: QtBot) -> None:
    one, two, five = (TODAY - timedelta(days=n) for n in (1, 2, 3))
    heat = heatmap(qtbot, {one: 1, two: 2, five: 5}, d4=1)
    colours = heat.colours()
    assert [heat.colour_of(d) for d in (one, two, five)] == list(colours.greens)
    partial_day = TODAY - timedelta(days=4)
    assert heat.colour_of(partial_day) == colours.partial_fill
    assert heat.outline_of(partial_day) == colours.partial_edge and heat.outline_of(one) is None
    assert heat.colour_of(TODAY) == colours.empty
    assert not heat.colour_of(TODAY + timedelta(days=1)).isValid()
    # The empty square is visible, and differs from every green.
    assert colours.empty not in colours.greens and colours.empty != QColor(
        heat.palette().window().color()
    )


def test_the_tooltip_says_what_the_day_holds(qtbot: QtBot) -> None:
    yesterday = TODAY - timedelta(days=1)
    heat = heatmap(qtbot, {yesterday: 2}, d1=1)
    assert heat.tooltip_of(yesterday) == "Tue 24 Nov 2026: 2 sessions, 1 partial"
    assert heat.tooltip_of(TODAY) == "Wed 25 Nov 2026: no sessions"
    assert heat.accessibleDescription() == "1 day with sessions in the 53 weeks to Wed 25 Nov 2026"


def test_a_click_on_a_square_chooses_its_day(qtbot: QtBot) -> None:
    heat = heatmap(qtbot)
    day = TODAY - timedelta(days=10)
    rect = heat.cell_rect(day)
    assert rect is not None
    assert heat.cell_at(rect.center()) == day
    with qtbot.waitSignal(heat.day_clicked) as clicked:
        qtbot.mouseClick(heat, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    assert clicked.args == [day] and heat.selected == day
    # Left of the grid, or a day still to come: nothing.
    assert heat.cell_at(QPointF(0, rect.center().y())) is None
    future = heat.cell_rect(TODAY)
    assert future is not None
    assert heat.cell_at(future.center() + QPointF(0, future.height() * 1.1)) is None


def test_the_keys_move_by_day_and_week_and_enter_chooses(qtbot: QtBot) -> None:
    heat = heatmap(qtbot)
    qtbot.keyClick(heat, Qt.Key.Key_Left)
    assert heat.selected == TODAY - timedelta(days=7)
    qtbot.keyClick(heat, Qt.Key.Key_Up)
    assert heat.selected == TODAY - timedelta(days=8)
    # Never past today.
    for _ in range(3):
        qtbot.keyClick(heat, Qt.Key.Key_Right)
    assert heat.selected == TODAY
    with qtbot.waitSignal(heat.day_clicked) as chosen:
        qtbot.keyClick(heat, Qt.Key.Key_Return)
    assert chosen.args == [TODAY]


def test_squares_keep_a_clickable_size(qtbot: QtBot) -> None:
    heat = heatmap(qtbot)
    week_ago = TODAY - timedelta(days=7)
    for width in (300, 900, 4000):
        heat.resize(width, heat.heightForWidth(width))
        this, last = heat.cell_rect(TODAY), heat.cell_rect(week_ago)
        assert this is not None and last is not None
        assert MIN_PITCH <= this.x() - last.x() <= MAX_PITCH
