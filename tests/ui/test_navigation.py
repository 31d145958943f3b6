"""The window's chrome: the sidebar lists the pages and says which one the runner picked;
the host titles a browse page, leaves the summary its own heading and the workout
full-bleed; Today's subtitle is the date."""

from __future__ import annotations

import locale
import shutil
import subprocess
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from circuit_timer.core.dates import long_date
from circuit_timer.ui import style
from circuit_timer.ui.navigation import (
    BROWSE,
    PAGE_TEXT,
    PageHost,
    PageStack,
    Sidebar,
    holder_for,
    own_margins,
)

SATURDAY = date(2026, 11, 28)


def test_the_sidebar_lists_the_pages_and_says_which_was_picked(qtbot: QtBot) -> None:
    names = ["Today", "Library", "Plan", "History", "Charts"]
    sidebar = Sidebar(names)
    qtbot.addWidget(sidebar)
    assert sidebar.count() == 5 and [sidebar.item(i).text() for i in range(5)] == names
    assert sidebar.item(1).toolTip() == PAGE_TEXT["Library"][1]
    assert all(not sidebar.item(i).icon().isNull() for i in range(5))
    with qtbot.waitSignal(sidebar.currentTextChanged) as picked:
        sidebar.setCurrentRow(3)
    assert picked.args == ["History"] and sidebar.currentItem().text() == "History"
    # Wide enough for its longest name.
    metrics = sidebar.list.fontMetrics()
    assert sidebar.width() > max(metrics.horizontalAdvance(n) for n in names)


def test_long_pages_scroll_and_every_browse_page_is_marked(qtbot: QtBot) -> None:
    plan, library = QWidget(), QWidget()
    held = holder_for("Plan", plan)
    qtbot.addWidget(held)
    assert isinstance(held, QScrollArea) and held.widget() is plan
    assert held.property(BROWSE) is True
    kept = holder_for("Library", library)
    qtbot.addWidget(kept)
    assert kept is library and library.property(BROWSE) is True


def test_own_margins_look_through_plain_wrappers(qtbot: QtBot) -> None:
    inner = QWidget()
    QVBoxLayout(inner).setContentsMargins(5, 6, 7, 8)
    outer = QWidget()
    qtbot.addWidget(outer)
    wrapper = QVBoxLayout(outer)
    wrapper.setContentsMargins(0, 0, 0, 0)
    wrapper.addWidget(inner)
    margins = own_margins(outer)
    assert (margins.left(), margins.top(), margins.right(), margins.bottom()) == (5, 6, 7, 8)
    scroll = QScrollArea()
    qtbot.addWidget(scroll)
    scroll.setWidget(QWidget())
    assert own_margins(scroll).isNull()


@pytest.fixture
def host(qtbot: QtBot) -> Iterator[tuple[PageHost, dict[str, QWidget]]]:
    pages = {name: QLabel(name) for name in ("Today", "Library", "summary", "workout")}
    stack = PageStack()
    for page in pages.values():
        stack.addWidget(page)
    titled = {pages["Today"]: "Today", pages["Library"]: "Library"}
    made = PageHost(stack, titled, lambda: SATURDAY, untitled=[pages["summary"]])
    qtbot.addWidget(made)
    made.show()
    yield made, pages


def test_the_host_titles_browse_pages_only(host: tuple[PageHost, dict[str, QWidget]]) -> None:
    made, pages = host
    made.pages.setCurrentWidget(pages["Library"])
    assert made.header.isVisible() and made.title.text() == "Library"
    assert made.subtitle.text() == PAGE_TEXT["Library"][1]
    made.pages.setCurrentWidget(pages["Today"])
    assert made.subtitle.text() == "Saturday 28 November"
    made.pages.setCurrentWidget(pages["summary"])
    assert not made.header.isVisible()
    margins = made._body.contentsMargins()
    assert (margins.left(), margins.top()) == (style.PAGE_MARGIN, style.PAGE_MARGIN)
    made.pages.setCurrentWidget(pages["workout"])
    assert not made.header.isVisible() and made._body.contentsMargins().isNull()


def test_the_title_is_ready_before_the_page_shows(
    host: tuple[PageHost, dict[str, QWidget]],
) -> None:
    made, pages = host
    seen: list[str] = []
    made.pages.currentChanged.connect(lambda _i: seen.append(made.title.text()))
    made.pages.setCurrentIndex(made.pages.indexOf(pages["Library"]))
    assert seen == ["Library"]


@pytest.fixture
def german_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """LC_TIME in German, as Qt sets it from the environment of a German desktop."""
    localedef = shutil.which("localedef")
    if localedef is None or not Path("/usr/share/i18n/locales/de_DE").is_file():
        pytest.skip("localedef and the de_DE locale source are needed")
    subprocess.run([localedef, "-i", "de_DE", "-f", "UTF-8", str(tmp_path / "de_DE.UTF-8")],
                   check=False, capture_output=True, timeout=60)  # fmt: skip
    monkeypatch.setenv("LOCPATH", str(tmp_path))
    saved = locale.setlocale(locale.LC_TIME)
    try:
        locale.setlocale(locale.LC_TIME, "de_DE.UTF-8")
    except locale.Error:
        pytest.skip("the de_DE locale could not be built")
    yield
    locale.setlocale(locale.LC_TIME, saved)


def test_todays_date_is_english_in_every_locale(german_time: None) -> None:
    assert long_date(SATURDAY) == "Saturday 28 November"
