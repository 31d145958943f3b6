"""The chart both charts are built on: an empty state in place of an empty plot, a text
summary for screen readers, a legend of Qt labels, days with room on either side, and a
redraw in the new colours when the theme changes."""

from __future__ import annotations

from datetime import date

from PySide6.QtGui import QColor, QPalette
from pytestqt.qtbot import QtBot

from circuit_timer.ui.chart_base import Chart, colours_of, pg, with_alpha
from circuit_timer.ui.chart_data import DAY, timestamp


class Dots(Chart):
    """A chart of one series, counting its draws."""

    def __init__(self) -> None:
        self.draws = 0
        super().__init__("Dots", "Count")

    def _draw(self) -> None:
        self.draws += 1
        self._clear()
        days = [date(2026, 11, 20), date(2026, 11, 24)]
        item = self.plot.plot([timestamp(d) for d in days], [1, 2], pen=None, symbol="o")
        self._add_legend(item, "dots")
        self._set_x_range(days)
        self._show_plot("2 dots, the last on 24 Nov.")


def test_with_alpha_keeps_the_colour_and_leaves_the_original_alone() -> None:
    red = QColor("#D55E00")
    faint = with_alpha(red, 45)
    assert (faint.red(), faint.green(), faint.blue(), faint.alpha()) == (0xD5, 0x5E, 0x00, 45)
    assert red.alpha() == 255


def test_colours_follow_the_palette_and_know_a_dark_theme(qtbot: QtBot) -> None:
    chart = Dots()
    qtbot.addWidget(chart)
    palette = QPalette(chart.palette())
    palette.setColor(QPalette.ColorRole.Base, QColor("#101010"))
    palette.setColor(QPalette.ColorRole.Text, QColor("#F0F0F0"))
    chart.setPalette(palette)
    colours = colours_of(chart)
    assert colours.dark and colours.background == QColor("#101010")
    palette.setColor(QPalette.ColorRole.Base, QColor("#FFFFFF"))
    palette.setColor(QPalette.ColorRole.Text, QColor("#000000"))
    chart.setPalette(palette)
    assert not colours_of(chart).dark


def test_a_theme_change_redraws_in_the_new_colours(qtbot: QtBot) -> None:
    chart = Dots()
    qtbot.addWidget(chart)
    palette = QPalette(chart.palette())
    palette.setColor(QPalette.ColorRole.Text, QColor("#123456"))
    chart.setPalette(palette)
    assert chart.draws == 1
    axis = chart.plot.getAxis("left")
    assert axis.pen().color() == QColor("#123456")
    # Redrawn, not added to: one legend entry still.
    assert chart.legend_names() == ["dots"]


def test_the_plot_or_the_empty_state_never_both(qtbot: QtBot) -> None:
    chart = Dots()
    qtbot.addWidget(chart)
    chart.show()
    chart._show_empty("No dots yet: count some.")
    assert chart.empty.isVisible() and not chart.view.isVisible()
    assert not chart.legend.isVisible() and not chart.summary.isVisible()
    assert chart.accessibleDescription() == "No dots yet: count some."
    chart._draw()
    assert chart.view.isVisible() and not chart.empty.isVisible()
    assert chart.summary.text() == "2 dots, the last on 24 Nov."
    assert (
        chart.accessibleDescription()
        == chart.view.accessibleDescription()
        == ("2 dots, the last on 24 Nov.")
    )


def test_days_get_three_quarters_of_a_day_on_either_side(qtbot: QtBot) -> None:
    chart = Dots()
    qtbot.addWidget(chart)
    chart.resize(600, 400)
    chart.show()
    chart._draw()
    low, high = chart.plot.viewRange()[0]
    assert low == timestamp(date(2026, 11, 20)) - 0.75 * DAY
    assert high == timestamp(date(2026, 11, 24)) + 0.75 * DAY
    assert [text for text, _ in chart.date_labels()]  # the days are labelled
    assert isinstance(chart.plot.listDataItems()[0], pg.PlotDataItem)
