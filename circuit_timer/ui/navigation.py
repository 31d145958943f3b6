"""The window's chrome: the sidebar that picks a page, and the host that titles it.

The pages themselves know nothing of either: the main window puts its page stack in a
``PageHost`` (the current browse page's title and one-line subtitle, the spacing grid) and
lists the browse pages in the ``Sidebar``. The workout page stays full-bleed, untitled.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from PySide6.QtCore import QMargins, QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QIcon, QPalette, QPixmap, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from circuit_timer.core.dates import long_date
from circuit_timer.files import paths
from circuit_timer.ui import style

ICON_SIZE = 20
LOGO_SIZE = 28
# The sidebar's inner margin on each side.
SIDE_PAD = 12
# Each page's title and the one line under it; the icon file is the page name in lower case.
# Today's line is the date, worked out each time the page shows.
PAGE_TEXT: dict[str, tuple[str, str]] = {
    "Today": ("Today", "Today's session, this week and your morning pain"),
    "Library": ("Library", "The bundled circuits and plans, and your own"),
    "Plan": ("Plan", "A plan counts down to your race day"),
    "History": ("History", "Every session you recorded, newest first"),
    "Charts": ("Charts", "Morning pain and left-right balance over time"),
}
# Pages that can outgrow a small window scroll rather than clip.
SCROLLED = frozenset({"Today", "Plan", "Charts"})
# A dynamic property on what the stack holds for a browse page (and on the summary page):
# the style sheet's general rules apply under it, and so never on the workout page.
BROWSE = "browse"


class Sidebar(QFrame):
    """The app's name and a list of pages with their icons; the selected page is filled.

    It answers like the list it holds (``currentItem``, ``setCurrentRow``, ``count``,
    ``item``), and hiding it hides the app's name too.

    Signals:
        currentTextChanged(str): the name of the page the runner picked.
    """

    currentTextChanged = Signal(str)

    def __init__(self, names: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sidebar")
        self.names = list(names)
        logo = QLabel()
        logo.setObjectName("appLogo")
        logo.setPixmap(_logo_pixmap(self))
        self.app_name = QLabel("circuit-timer")
        self.app_name.setObjectName("appName")
        brand = QHBoxLayout()
        brand.setContentsMargins(4, 0, 0, 0)
        brand.setSpacing(style.GRID)
        brand.addWidget(logo)
        brand.addWidget(self.app_name, 1)
        self.list = QListWidget()
        self.list.setObjectName("nav")
        self.list.setAccessibleName("Pages")
        self.list.setIconSize(QSize(ICON_SIZE, ICON_SIZE))
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setFrameShape(QFrame.Shape.NoFrame)
        for name in self.names:
            item = QListWidgetItem(name)
            item.setToolTip(PAGE_TEXT.get(name, (name, ""))[1])
            self.list.addItem(item)
        self.list.currentTextChanged.connect(self.currentTextChanged.emit)
        column = QVBoxLayout(self)
        column.setContentsMargins(SIDE_PAD, style.PAGE_MARGIN - 4, SIDE_PAD, style.GRID)
        column.setSpacing(style.PAGE_MARGIN)
        column.addLayout(brand)
        column.addWidget(self.list, 1)
        self.setFixedWidth(self._width())
        self.retint()

    def _width(self) -> int:
        """Wide enough for the longest page name and the app's name, at their sizes."""
        body = QApplication.font()
        nav = QFont(body)
        nav.setPointSizeF(style.body_point_size() * style.NAV_TEXT)
        brand = QFont(body)
        brand.setPointSizeF(style.body_point_size() * style.APP_NAME)
        brand.setBold(True)
        words = max((QFontMetrics(nav).horizontalAdvance(n) for n in self.names), default=0)
        item = ICON_SIZE + style.GRID + words + 2 * (style.GRID + 4)
        name = 4 + LOGO_SIZE + style.GRID + QFontMetrics(brand).horizontalAdvance("circuit-timer")
        return max(item, name) + 2 * SIDE_PAD + style.GRID

    def retint(self) -> None:
        """Draw the icons in the palette's text colour (selected: the highlight's text)."""
        palette = QApplication.palette()
        normal = palette.color(QPalette.ColorRole.WindowText)
        selected = palette.color(QPalette.ColorRole.HighlightedText)
        for row, name in enumerate(self.names):
            icon = style.tinted_icon(name.lower(), normal, selected, ICON_SIZE)
            self.list.item(row).setIcon(icon)

    # The list's interface, so the window can treat the sidebar as its navigation list.
    def currentItem(self) -> QListWidgetItem:
        """The selected page's item (None before any is selected, as the list says)."""
        return self.list.currentItem()

    def currentRow(self) -> int:
        """The selected page's row."""
        return self.list.currentRow()

    def setCurrentRow(self, row: int) -> None:
        """Select the page in ``row`` (emits currentTextChanged unless signals are blocked)."""
        self.list.setCurrentRow(row)

    def count(self) -> int:
        """How many pages are listed."""
        return self.list.count()

    def item(self, row: int) -> QListWidgetItem:
        """The item in ``row``."""
        return self.list.item(row)


def _logo_pixmap(widget: QWidget) -> QPixmap:
    icon = QIcon(str(paths.assets_dir() / "circuit-timer.svg"))
    return icon.pixmap(QSize(LOGO_SIZE, LOGO_SIZE), widget.devicePixelRatioF())


def own_margins(page: QWidget) -> QMargins:
    """The margins ``page`` keeps around its content (looking through plain wrappers)."""
    if isinstance(page, QScrollArea):
        inner = page.widget()
        return own_margins(inner) if inner is not None else QMargins()
    layout = page.layout()
    if layout is None:
        return QMargins()
    margins = layout.contentsMargins()
    if margins.isNull() and layout.count() == 1:
        item = layout.itemAt(0)
        child = item.widget() if item is not None else None
        if child is not None:
            return own_margins(child)
    return margins


def holder_for(name: str, page: QWidget) -> QWidget:
    """What the stack holds for the browse page ``name``: the page, or a scroll area."""
    if name not in SCROLLED:
        page.setProperty(BROWSE, True)
        return page
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setWidget(page)
    scroll.setProperty(BROWSE, True)
    return scroll


class PageStack(QStackedWidget):
    """The window's page stack; it tells the host which page comes next *before* showing it.

    A page that sizes its fonts to its height (the workout page) must see its full height
    the moment it shows, or the window grows to fit the smaller first layout.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.before_change: Callable[[QWidget], None] | None = None

    def setCurrentWidget(self, widget: QWidget) -> None:
        """Prepare the title and margins for ``widget``, then show it."""
        if self.before_change is not None:
            self.before_change(widget)
        super().setCurrentWidget(widget)

    def setCurrentIndex(self, index: int) -> None:
        """Prepare the title and margins for the page at ``index``, then show it."""
        widget = self.widget(index)
        if self.before_change is not None and widget is not None:
            self.before_change(widget)
        super().setCurrentIndex(index)


class PageHost(QWidget):
    """The page stack under a title (and a one-line subtitle), on the spacing grid.

    The title follows the stack's current page: a browse page gets its title and the page
    margin (its own layout margins counted in, so its content starts on the margin
    whatever it sets); an ``untitled`` page (the summary, which has its own heading) gets
    the margin only; any other page (the workout) is shown full-bleed.
    """

    def __init__(
        self,
        pages: PageStack,
        names: dict[QWidget, str],
        today: Callable[[], date],
        untitled: Sequence[QWidget] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("pageHost")
        self.pages = pages
        self.names = names
        self.untitled = list(untitled)
        self.today = today
        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        self.subtitle = QLabel()
        self.subtitle.setObjectName("pageSubtitle")
        self.subtitle.setWordWrap(True)
        self.header = QWidget()
        self.header.setObjectName("pageHeader")
        header = QVBoxLayout(self.header)
        header.setContentsMargins(style.PAGE_MARGIN, style.PAGE_MARGIN - 4, style.PAGE_MARGIN, 0)
        header.setSpacing(2)
        header.addWidget(self.title)
        header.addWidget(self.subtitle)
        self._body = QVBoxLayout()
        self._body.addWidget(pages)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.header)
        column.addLayout(self._body, 1)
        pages.before_change = self.follow
        pages.currentChanged.connect(lambda _index: self.follow())
        self.follow()

    def follow(self, current: QWidget | None = None) -> None:
        """Title and margins for ``current`` (by default the stack's current page)."""
        if current is None:
            current = self.pages.currentWidget()
        name = self.names.get(current) if current is not None else None
        self.header.setVisible(name is not None)
        if current is None or (name is None and current not in self.untitled):
            self._body.setContentsMargins(0, 0, 0, 0)
            return
        if name is not None:
            title, line = PAGE_TEXT.get(name, (name, ""))
            if name == "Today":
                line = long_date(self.today())
            self.title.setText(title)
            self.subtitle.setText(line)
            self.subtitle.setVisible(bool(line))
        own = own_margins(current)
        top = style.GROUP_GAP if name is not None else style.PAGE_MARGIN
        self._body.setContentsMargins(
            max(0, style.PAGE_MARGIN - own.left()),
            max(0, top - own.top()),
            max(0, style.PAGE_MARGIN - own.right()),
            max(0, style.PAGE_MARGIN - own.bottom()),
        )

    def showEvent(self, event: QShowEvent) -> None:
        """A page built on its first show (Charts) brings its margins only then."""
        self.follow()
        super().showEvent(event)
