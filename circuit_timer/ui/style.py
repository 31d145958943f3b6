"""The window's look: one spacing grid, one type scale and one style sheet over the palette.

Every colour is taken from the application palette (or mixed from two of its colours), so
the same sheet fits the system theme, Fusion's light palette and the app's dark one. The
workout page is left alone: the general rules are scoped to the browse pages, the summary
page and dialogs (the ``browse`` property marks the pages), and it uses none of the object
names styled here.

Object names the pages use (the house style):
``sectionTitle`` a heading inside a page, ``emptyState`` what to do when there is no data
yet, ``hint`` secondary text, ``primary`` the page's main action button. The page host adds
``pageTitle`` and ``pageSubtitle``; the sidebar is ``sidebar`` with ``appName`` and ``nav``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from PySide6.QtCore import QByteArray, QEvent, QObject, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication, QWidget

from circuit_timer.files import paths

# The spacing grid (px): everything is a multiple of 8.
GRID = 8
PAGE_MARGIN = 3 * GRID
GROUP_GAP = 2 * GRID
INNER_GAP = GRID
# The type scale, as multiples of the body font (the system's).
PAGE_TITLE = 1.6
SECTION_TITLE = 1.25
NAV_TEXT = 1.1
APP_NAME = 1.15
# Names the pages may set on their widgets to take the house style.
SECTION_TITLE_NAME = "sectionTitle"
EMPTY_STATE_NAME = "emptyState"
HINT_NAME = "hint"
PRIMARY_NAME = "primary"
# Where the general rules (buttons, tables, cards) apply: not on the workout page.
SCOPES = ('*[browse="true"]', "QDialog")
# Text on a filled accent must read at WCAG AA for normal text.
MIN_CONTRAST = 4.5


def mix(a: QColor, b: QColor, share: float) -> QColor:
    """``a`` with ``share`` of ``b`` mixed in (0 is ``a``, 1 is ``b``), in 8-bit channels
    as the style sheet writes them."""
    return QColor(
        round(a.red() + (b.red() - a.red()) * share),
        round(a.green() + (b.green() - a.green()) * share),
        round(a.blue() + (b.blue() - a.blue()) * share),
    )


def luminance(colour: QColor) -> float:
    """The WCAG relative luminance of ``colour``."""

    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * linear(colour.redF())
        + 0.7152 * linear(colour.greenF())
        + 0.0722 * linear(colour.blueF())
    )


def contrast(a: QColor, b: QColor) -> float:
    """The WCAG contrast ratio of two colours (1 to 21)."""
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def readable_fill(fill: QColor, text: QColor) -> QColor:
    """``fill``, darkened or lightened just enough for ``text`` on it to read."""
    towards = QColor("#000000") if luminance(text) > 0.5 else QColor("#FFFFFF")
    step = 0.0
    result = QColor(fill)
    while contrast(result, text) < MIN_CONTRAST and step < 1.0:
        step += 0.05
        result = mix(fill, towards, step)
    return result


@dataclass(frozen=True)
class Colours:
    """The few colours the sheet uses, all derived from one palette."""

    dark: bool
    window: QColor
    text: QColor
    base: QColor
    muted: QColor
    border: QColor
    strong_border: QColor
    card: QColor
    sidebar: QColor
    hover: QColor
    button: QColor
    button_hover: QColor
    header: QColor
    accent: QColor
    accent_text: QColor
    accent_hover: QColor
    disabled_text: QColor

    @classmethod
    def from_palette(cls, palette: QPalette) -> Colours:
        """Colours for ``palette``, light or dark."""
        role = QPalette.ColorRole
        window = palette.color(role.Window)
        text = palette.color(role.WindowText)
        base = palette.color(role.Base)
        dark = window.lightness() < text.lightness()
        accent_text = palette.color(role.HighlightedText)
        accent = readable_fill(palette.color(role.Highlight), accent_text)
        # A light theme lifts cards to white on a grey window; a dark one lifts them a
        # little towards the text, as light from above would.
        card = mix(window, text, 0.05) if dark else base
        button = mix(window, text, 0.10) if dark else base
        return cls(
            dark=dark,
            window=window,
            text=text,
            base=base,
            muted=mix(text, window, 0.38),
            border=mix(window, text, 0.16 if dark else 0.14),
            strong_border=mix(window, text, 0.30),
            card=card,
            sidebar=mix(window, QColor("#000000"), 0.22) if dark else mix(window, text, 0.035),
            hover=mix(window, text, 0.09),
            button=button,
            button_hover=mix(button, text, 0.07),
            header=mix(card, text, 0.04),
            accent=accent,
            accent_text=accent_text,
            # Darker on hover in both themes: lighter would fade the white text.
            accent_hover=mix(accent, QColor("#000000"), 0.15),
            disabled_text=mix(text, window, 0.55),
        )


def _scoped(selectors: str) -> str:
    """``selectors`` (comma-separated) under each of the scopes."""
    parts = [s.strip() for s in selectors.split(",")]
    return ",\n".join(f"{scope} {part}" for scope in SCOPES for part in parts)


def _pt(body: float, scale: float) -> str:
    return f"{body * scale:.1f}pt"


def style_sheet(palette: QPalette, body_pt: float) -> str:
    """The window's style sheet for ``palette`` and a body font of ``body_pt`` points."""
    c = Colours.from_palette(palette)
    h = {name: getattr(c, name).name() for name in Colours.__dataclass_fields__ if name != "dark"}
    rules = [
        # -- sidebar --------------------------------------------------------------------
        f"#sidebar {{ background: {h['sidebar']}; border: none;"
        f" border-right: 1px solid {h['border']}; }}",
        f"#appName {{ font-size: {_pt(body_pt, APP_NAME)}; font-weight: 700; }}",
        f"#nav {{ background: transparent; border: none; outline: none;"
        f" font-size: {_pt(body_pt, NAV_TEXT)}; }}",
        f"#nav::item {{ padding: {GRID}px {GRID + 4}px; margin: 2px 0; border-radius: 6px;"
        f" color: {h['text']}; }}",
        f"#nav::item:hover {{ background: {h['hover']}; }}",
        f"#nav::item:selected {{ background: {h['accent']}; color: {h['accent_text']}; }}",
        # -- type scale -----------------------------------------------------------------
        f"#pageTitle {{ font-size: {_pt(body_pt, PAGE_TITLE)}; font-weight: 700; }}",
        f"#pageSubtitle, #{HINT_NAME} {{ color: {h['muted']}; }}",
        f"#{SECTION_TITLE_NAME} {{ font-size: {_pt(body_pt, SECTION_TITLE)}; font-weight: 700; }}",
        f"#{EMPTY_STATE_NAME} {{ color: {h['muted']}; font-size: {_pt(body_pt, 1.1)};"
        f" border: 1px dashed {h['strong_border']}; border-radius: 8px;"
        f" padding: {GROUP_GAP}px; }}",
        # -- buttons --------------------------------------------------------------------
        _scoped("QPushButton") + f" {{ background: {h['button']}; color: {h['text']};"
        f" border: 1px solid {h['border']}; border-radius: 6px;"
        f" padding: 6px {GROUP_GAP}px; }}",
        _scoped("QPushButton:hover")
        + f" {{ background: {h['button_hover']}; border-color: {h['strong_border']}; }}",
        _scoped("QPushButton:pressed") + f" {{ background: {h['hover']}; }}",
        _scoped("QPushButton:focus") + f" {{ border-color: {h['accent']}; }}",
        _scoped("QPushButton:checked")
        + f" {{ background: {h['accent']}; color: {h['accent_text']};"
        f" border-color: {h['accent']}; }}",
        _scoped("QPushButton:disabled")
        + f" {{ color: {h['disabled_text']}; background: {h['window']};"
        f" border-color: {h['border']}; }}",
        # A dialog's default button (Enter presses it) is its primary action.
        _scoped(f"QPushButton#{PRIMARY_NAME}")
        + ", QDialog QPushButton:default"
        + f" {{ background: {h['accent']}; color: {h['accent_text']};"
        f" border: 1px solid {h['accent']}; font-weight: 700; }}",
        _scoped(f"QPushButton#{PRIMARY_NAME}:hover, QPushButton#{PRIMARY_NAME}:pressed")
        + ", QDialog QPushButton:default:hover, QDialog QPushButton:default:pressed"
        + f" {{ background: {h['accent_hover']}; border-color: {h['accent_hover']}; }}",
        _scoped(f"QPushButton#{PRIMARY_NAME}:disabled")
        + f" {{ background: {mix(c.accent, c.window, 0.6).name()};"
        f" color: {mix(c.accent_text, c.window, 0.3).name()};"
        f" border-color: {mix(c.accent, c.window, 0.6).name()}; }}",
        # -- cards and group boxes ------------------------------------------------------
        _scoped('QFrame[frameShape="6"]')
        + f" {{ background: {h['card']}; border: 1px solid {h['border']};"
        f" border-radius: 8px; }}",
        _scoped("QGroupBox") + f" {{ background: {h['card']}; border: 1px solid {h['border']};"
        f" border-radius: 8px; margin-top: 1.6em; padding: {GRID}px; padding-top: {GRID + 4}px; }}",
        _scoped("QGroupBox::title") + " { subcontrol-origin: margin; subcontrol-position: top left;"
        " left: 0; top: 0; padding: 0 0 4px 0; }",
        # -- tables, trees, lists and text views ---------------------------------------
        _scoped('QAbstractScrollArea[frameShape="6"]')
        + f" {{ background: {h['base']}; border: 1px solid {h['border']};"
        f" border-radius: 8px; }}",
        _scoped("QAbstractItemView")
        + f" {{ alternate-background-color: {mix(c.base, c.text, 0.035).name()};"
        f" selection-background-color: {h['accent']}; selection-color: {h['accent_text']}; }}",
        _scoped("QTableView::item, QTreeView::item") + " { padding: 4px 6px; }",
        _scoped("QListView::item") + " { padding: 4px 6px; }",
        # The calendar's day grid keeps Qt's own compact cells.
        _scoped("QCalendarWidget QTableView")
        + f" {{ border: none; border-radius: 0; background: {h['base']}; }}",
        _scoped("QCalendarWidget QTableView::item") + " { padding: 0; }",
        # Its month bar as a quiet header, not a slab of highlight.
        _scoped("#qt_calendar_navigationbar")
        + f" {{ background: {h['header']}; border-bottom: 1px solid {h['border']}; }}",
        _scoped("QCalendarWidget QToolButton")
        + f" {{ color: {h['text']}; background: transparent; border: none;"
        f" border-radius: 4px; padding: 4px {GRID}px; font-weight: 700; }}",
        _scoped("QCalendarWidget QToolButton:hover") + f" {{ background: {h['hover']}; }}",
        _scoped("QCalendarWidget QToolButton::menu-indicator") + " { image: none; width: 0; }",
        _scoped("#qt_calendar_prevmonth")
        + f' {{ qproperty-icon: url("{icon_path("chevron-left")}"); }}',
        _scoped("#qt_calendar_nextmonth")
        + f' {{ qproperty-icon: url("{icon_path("chevron-right")}"); }}',
        _scoped("QAbstractItemView") + f" {{ gridline-color: {h['border']}; }}",
        _scoped("QHeaderView, QTableCornerButton::section")
        + f" {{ background: {h['base']}; border: none; }}",
        _scoped("QHeaderView::section")
        + f" {{ background: {h['base']}; color: {h['muted']}; font-weight: 700;"
        f" padding: 6px {GRID}px; border: none; border-bottom: 1px solid {h['border']}; }}",
        _scoped("QHeaderView::section:vertical")
        + f" {{ padding: 0 6px; border: none; border-right: 1px solid {h['border']}; }}",
        # -- inputs ---------------------------------------------------------------------
        _scoped("QLineEdit, QComboBox")
        + f" {{ background: {h['base']}; border: 1px solid {h['border']};"
        f" border-radius: 6px; padding: 4px {GRID}px; }}",
        _scoped("QLineEdit:focus, QComboBox:focus") + f" {{ border-color: {h['accent']}; }}",
        _scoped("QComboBox::drop-down")
        + " { subcontrol-origin: padding; subcontrol-position: center right;"
        f" width: {GROUP_GAP + 4}px; border: none; }}",
        _scoped("QComboBox::down-arrow") + f' {{ image: url("{icon_path("chevron-down")}"); }}',
        _scoped("QComboBox QAbstractItemView")
        + f" {{ background: {h['base']}; border: 1px solid {h['border']}; outline: none; }}",
        # A spin box and a check box drawn to match (Fusion's outlines vanish on a dark
        # window).
        _scoped("QSpinBox") + f" {{ background: {h['base']}; border: 1px solid {h['border']};"
        f" border-radius: 6px; padding: 4px {GROUP_GAP + 6}px 4px {GRID}px; }}",
        _scoped("QSpinBox:focus") + f" {{ border-color: {h['accent']}; }}",
        _scoped("QSpinBox::up-button, QSpinBox::down-button")
        + f" {{ subcontrol-origin: border; width: {GROUP_GAP + 2}px; border: none; }}",
        _scoped("QSpinBox::up-button") + " { subcontrol-position: top right; }",
        _scoped("QSpinBox::down-button") + " { subcontrol-position: bottom right; }",
        _scoped("QSpinBox::up-arrow") + f' {{ image: url("{icon_path("chevron-up")}"); }}',
        _scoped("QSpinBox::down-arrow") + f' {{ image: url("{icon_path("chevron-down")}"); }}',
        _scoped("QCheckBox::indicator")
        + f" {{ width: 14px; height: 14px; border: 1px solid {h['strong_border']};"
        f" border-radius: 4px; background: {h['base']}; }}",
        _scoped("QCheckBox::indicator:checked")
        + f" {{ background: {h['accent']}; border-color: {h['accent']};"
        f' image: url("{icon_path("check")}"); }}',
        _scoped("QCheckBox::indicator:hover") + f" {{ border-color: {h['accent']}; }}",
        f"QToolTip {{ background: {h['card']}; color: {h['text']};"
        f" border: 1px solid {h['border']}; padding: 4px {GRID}px; }}",
    ]
    return "\n".join(rules) + "\n"


def body_point_size() -> float:
    """The application's body font size in points (the system's choice)."""
    font = QApplication.font()
    if font.pointSizeF() > 0:
        return font.pointSizeF()
    # A font set in pixels: convert at the usual 96 dpi.
    return max(6.0, font.pixelSize() * 72 / 96)


# -- icons ---------------------------------------------------------------------------


@cache
def _icon_source(name: str) -> str:
    return (paths.assets_dir() / "icons" / f"{name}.svg").read_text(encoding="utf-8")


def icon_path(name: str) -> str:
    """The bundled SVG for the icon ``name``."""
    return str(paths.assets_dir() / "icons" / f"{name}.svg")


def tinted_pixmap(name: str, colour: QColor, size: int, ratio: float = 1.0) -> QPixmap:
    """The single-colour icon ``name`` drawn in ``colour``, ``size`` px square."""
    svg = _icon_source(name).replace("currentColor", colour.name())
    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    pixels = max(1, round(size * ratio))
    pixmap = QPixmap(pixels, pixels)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, pixels, pixels))
    painter.end()
    pixmap.setDevicePixelRatio(ratio)
    return pixmap


def tinted_icon(name: str, normal: QColor, selected: QColor, size: int) -> QIcon:
    """An icon in the text colour that turns ``selected`` when its item is selected."""
    screen = QGuiApplication.primaryScreen()
    ratio = screen.devicePixelRatio() if screen is not None else 1.0
    icon = QIcon()
    for mode, colour in ((QIcon.Mode.Normal, normal), (QIcon.Mode.Selected, selected)):
        icon.addPixmap(tinted_pixmap(name, colour, size, ratio), mode)
    return icon


# -- keeping the look in step with the theme -----------------------------------------


class StyleKeeper(QObject):
    """Sets the style sheet on a window and sets it again when the system theme changes.

    ``on_change`` callbacks run after each change (the sidebar re-tints its icons).
    """

    def __init__(self, window: QWidget, on_change: Callable[[], None] | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.on_change = on_change
        self.apply()
        window.installEventFilter(self)

    def apply(self) -> None:
        """Set the sheet for the current palette (only when it differs: setting re-polishes)."""
        sheet = style_sheet(QApplication.palette(), body_point_size())
        if self.window.styleSheet() != sheet:
            self.window.setStyleSheet(sheet)
            if self.on_change is not None:
                self.on_change()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Follow a palette or theme change of the application."""
        if event.type() in (QEvent.Type.ApplicationPaletteChange, QEvent.Type.ThemeChange):
            self.apply()
        return False
