"""The style sheet: colours that read in every theme, the type scale and primary buttons
by object name, icons drawn in the colour asked, and a sheet that follows the palette."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from circuit_timer.ui import style, theme
from circuit_timer.ui.navigation import PAGE_TEXT

ROLE = QPalette.ColorRole


def palettes(app: QApplication) -> dict[str, QPalette]:
    """The three a runner can get: the system's, Fusion's light one, the app's dark one."""
    return {
        "system": QPalette(app.palette()),
        "light": app.style().standardPalette(),
        "dark": theme.dark_palette(),
    }


@pytest.mark.parametrize("which", ["system", "light", "dark"])
def test_every_colour_of_the_sheet_reads_on_its_background(qapp: QApplication, which: str) -> None:
    c = style.Colours.from_palette(palettes(qapp)[which])
    assert c.dark == (which == "dark")
    for surface in (c.window, c.card, c.sidebar, c.button, c.base, c.header):
        assert style.contrast(c.text, surface) >= 7, surface.name()
    for surface in (c.window, c.card, c.sidebar, c.header):
        assert style.contrast(c.muted, surface) >= 4.5, surface.name()  # hints, subtitles
    assert style.contrast(c.accent_text, c.accent) >= style.MIN_CONTRAST  # primary, selected
    assert style.contrast(c.accent_text, c.accent_hover) >= style.MIN_CONTRAST
    # The selected page and the hovered one look different from the sidebar.
    assert style.contrast(c.border, c.window) > 1.15
    assert c.hover != c.sidebar and c.accent != c.sidebar


def test_the_accent_is_darkened_only_as_far_as_white_text_needs() -> None:
    white = QColor("#FFFFFF")
    fusion_blue = QColor("#308CC6")  # 3.6:1 with white
    fill = style.readable_fill(fusion_blue, white)
    assert 4.5 <= style.contrast(fill, white) < 5.2  # still the palette's blue, not navy
    assert style.readable_fill(QColor("#0072B2"), white) == QColor("#0072B2")  # already reads
    dark_text = QColor("#000000")
    assert style.contrast(style.readable_fill(QColor("#0072B2"), dark_text), dark_text) >= 4.5


@pytest.fixture
def specimen(qtbot: QtBot) -> Iterator[dict[str, QWidget]]:
    """A browse page with the house object names, under the window's style sheet."""
    outer = QWidget()
    outer.setStyleSheet(style.style_sheet(QApplication.palette(), style.body_point_size()))
    page = QWidget(outer)
    page.setProperty("browse", True)
    column = QVBoxLayout(outer)
    column.addWidget(page)
    inner = QVBoxLayout(page)
    widgets: dict[str, QWidget] = {}
    for name in ("sectionTitle", "hint", "emptyState", "pageTitle", "plain"):
        label = QLabel(f"{name} text")
        label.setObjectName(name)
        inner.addWidget(label)
        widgets[name] = label
    for name in ("primary", "ordinary"):
        button = QPushButton("A button")
        button.setObjectName(name)
        inner.addWidget(button)
        widgets[name] = button
    qtbot.addWidget(outer)
    outer.show()
    qtbot.waitExposed(outer)
    yield widgets


def test_the_type_scale_by_object_name(specimen: dict[str, QWidget]) -> None:
    body = style.body_point_size()
    assert specimen["plain"].font().pointSizeF() == pytest.approx(body, abs=0.1)
    for name, scale in (("sectionTitle", style.SECTION_TITLE), ("pageTitle", style.PAGE_TITLE)):
        font = specimen[name].font()
        assert font.pointSizeF() == pytest.approx(body * scale, abs=0.1), name
        assert font.bold(), name
    muted = style.Colours.from_palette(QApplication.palette()).muted
    hint = specimen["hint"].palette().color(specimen["hint"].foregroundRole())
    assert hint == muted
    assert specimen["plain"].palette().color(ROLE.WindowText) != muted


def _colour_at(widget: QWidget, point: QPoint) -> QColor:
    image: QImage = widget.grab().toImage()
    ratio = image.devicePixelRatio()
    return image.pixelColor(int(point.x() * ratio), int(point.y() * ratio))


def test_primary_buttons_are_filled_with_the_accent(specimen: dict[str, QWidget]) -> None:
    colours = style.Colours.from_palette(QApplication.palette())
    primary, ordinary = specimen["primary"], specimen["ordinary"]
    # A point inside the border, left of the centred text.
    inside = QPoint(6, primary.height() // 2)
    assert _colour_at(primary, inside) == colours.accent
    assert _colour_at(ordinary, inside) == colours.button
    assert primary.font().bold()


@pytest.mark.parametrize("name", [*(n.lower() for n in PAGE_TEXT), "chevron-down", "check"])
def test_every_icon_is_bundled(qapp: QApplication, name: str) -> None:
    assert style.tinted_pixmap(name, QColor("#000000"), 24).toImage().width() == 24


@pytest.mark.parametrize("colour", ["#E8EAED", "#000000", "#D55E00"])
@pytest.mark.parametrize("name", [n.lower() for n in PAGE_TEXT])
def test_page_icons_are_drawn_in_the_colour_asked(
    qapp: QApplication, name: str, colour: str
) -> None:
    image = style.tinted_pixmap(name, QColor(colour), 24).toImage()
    inked = [
        image.pixelColor(x, y)
        for x in range(image.width())
        for y in range(image.height())
        if image.pixelColor(x, y).alpha() == 255
    ]
    assert len(inked) > 20  # a drawing, not a blank
    assert all(p.rgb() == QColor(colour).rgb() for p in inked)


def test_the_sheet_follows_a_change_of_palette(qtbot: QtBot, qapp: QApplication) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    changes: list[str] = []
    keeper = style.StyleKeeper(widget, lambda: changes.append(widget.styleSheet()))
    light_sheet = widget.styleSheet()
    assert changes == [light_sheet]
    saved = QPalette(qapp.palette())
    try:
        qapp.setPalette(theme.dark_palette())
        qtbot.waitUntil(lambda: widget.styleSheet() != light_sheet)
        dark = style.Colours.from_palette(theme.dark_palette())
        assert dark.sidebar.name() in widget.styleSheet()
        assert len(changes) == 2
    finally:
        qapp.setPalette(saved)
    qtbot.waitUntil(lambda: widget.styleSheet() == light_sheet)
    keeper.apply()  # nothing changed: the widget is not re-polished
    assert len(changes) == 3
