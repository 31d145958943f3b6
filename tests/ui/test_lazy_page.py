"""A browse page built on its first visit: never before, only once, refreshed each time."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from circuit_timer.ui.lazy_page import LazyPage, loading_page


class Page(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.refreshed = 0

    def refresh(self) -> None:
        self.refreshed += 1


def test_the_page_is_built_on_the_first_refresh_and_only_once(qtbot: QtBot) -> None:
    built: list[Page] = []

    def build() -> Page:
        built.append(Page())
        return built[-1]

    lazy = LazyPage(build)
    qtbot.addWidget(lazy)
    assert built == [] and lazy.page is None
    lazy.refresh()
    lazy.refresh()
    [page] = built
    assert lazy.page is page and page.parent() is lazy
    assert page.refreshed == 2


def test_a_page_without_refresh_is_just_shown(qtbot: QtBot) -> None:
    lazy = LazyPage(lambda: QLabel("plain"))
    qtbot.addWidget(lazy)
    lazy.refresh()
    assert isinstance(lazy.page, QLabel) and lazy.page.text() == "plain"


def test_loading_says_so_as_an_empty_state(qtbot: QtBot) -> None:
    page = loading_page()
    qtbot.addWidget(page)
    [label] = page.findChildren(QLabel)
    assert label.text() == "Loading\u2026" and label.objectName() == "emptyState"
