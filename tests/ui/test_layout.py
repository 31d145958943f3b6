"""Today, History, Charts and the dialogs from an 800x600 window to a 4K screen: nothing
clipped, measured from the widgets' geometry (see layout_checks), and nothing absurd."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QFrame,
    QLabel,
    QPushButton,
    QScrollArea,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from circuit_timer.core.asymmetry import side_point
from circuit_timer.core.library import Library, load_library
from circuit_timer.core.records import CompletedSet
from circuit_timer.files import paths
from circuit_timer.store import insights
from circuit_timer.store.history import HistoryStore
from circuit_timer.ui.app import open_main_window
from circuit_timer.ui.charts import ChartsPage
from circuit_timer.ui.first_run import FirstRunDialog
from circuit_timer.ui.heatmap import MAX_PITCH
from circuit_timer.ui.history_page import HistoryPage
from circuit_timer.ui.page_style import MARGIN
from circuit_timer.ui.pain_scale import PAIN_BUTTON_SIZE
from circuit_timer.ui.settings_dialog import SettingsDialog
from circuit_timer.ui.summary_page import SummaryPage
from circuit_timer.ui.summary_text import SideTest
from circuit_timer.ui.today_page import MAX_LINE_CHARS, TodayPage
from tests.ui.driving import loaded
from tests.ui.layout_checks import clipping, shown

LIBRARY = load_library(paths.bundled_circuits_dir(), None)
# What a page gets of an 800x600 window: the sidebar takes about 180 px, the menu bar and
# the page title about 80. And of a 4K screen.
SMALL = QSize(600, 520)
FOUR_K = QSize(3840 - 180, 2160 - 80)
RACE = date(2026, 12, 20)
STARTED = date(2026, 11, 16)
TODAY = date(2026, 11, 29)  # a plan day (with changes) three weeks from the race
EXERCISES = {  # more per-side tests than the charts have colours (LSI only from tests)
    "single-leg-heel-raise-test": "Single-leg heel raise to failure",
    "banded-eversion": "Banded ankle eversion",
    "clamshell": "Banded clamshell",
    "fascia-stretch": "Plantar fascia stretch",
    "side-plank": "Side plank",
    "glute-bridge": "Single-leg glute bridge",
    "rdl": "Single-leg Romanian deadlift",
    "towel-raise": "Single-leg heel raise, towel under the toes",
}


def session(store: HistoryStore, day: date, hour: int = 7, **kwargs: object) -> str:
    started = datetime.combine(day, time(hour), tzinfo=UTC)
    uid = store.start_session(
        str(kwargs.get("circuit", "pf-crash-course")),
        circuit_title=str(kwargs.get("title", "Plantar fasciitis crash course")),
        started_at=started,
        local_date=day,
        source=str(kwargs.get("source", "app")),
    )
    for n, (exercise, title) in enumerate(EXERCISES.items()):
        for side, reps in (("left", 20 + n), ("right", 22 - (day.day % 5))):
            store.record_set(uid, CompletedSet(
                block=1, round=1, exercise_id=exercise, set_number=1, side=side,  # type: ignore[arg-type]
                reps_target=None, reps_done=reps, seconds=40.0, exercise_name=title, dose="open",
                test=True, counted=True))  # fmt: skip
    store.finish_session(uid, kwargs.get("status", "completed"), pain_after=10,  # type: ignore[arg-type]
                         notes="heel fine", ended_at=started + timedelta(minutes=30))  # fmt: skip
    return uid


@pytest.fixture
def seeded(store: HistoryStore) -> HistoryStore:
    seed(store)
    return store


def seed(store: HistoryStore) -> None:
    """Two weeks of a plan toward the race, morning pain, per-side tests, a partial
    session, an imported one and one with a long title."""
    store.enrol("pf-crash-course-4-weeks", RACE, STARTED)
    for offset in (2, 5, 9):
        session(store, STARTED + timedelta(days=offset))
    session(store, TODAY - timedelta(days=2), status="partial")
    session(store, TODAY - timedelta(days=1), 9, source="import")
    session(store, TODAY - timedelta(days=1), 18, title="A much longer circuit title "
            "that a runner wrote for the days before the race")  # fmt: skip
    for offset in range(14):
        store.add_pain(STARTED + timedelta(days=offset), "morning", 7 - offset // 3)


def in_area(qtbot: QtBot, page: QWidget, size: QSize, *, scrolled: bool) -> QWidget:
    """``page`` in a window area of ``size``, in a scroll area if the window scrolls it."""
    holder = QWidget()
    layout = QVBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    if scrolled:
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setWidget(page)
        layout.addWidget(area)
    else:
        layout.addWidget(page)
    qtbot.addWidget(holder)
    holder.resize(size)
    holder.show()
    qtbot.waitExposed(holder)
    settle()
    assert holder.size() == size, "the page asks for more than the window has"
    return holder


def settle() -> None:
    # Layout requests and re-wrapping (height for width in a scroll area) arrive as posted
    # events, each round posting the next: the pages settle within four or five rounds.
    for _ in range(10):
        QApplication.processEvents()


def today_page(store: HistoryStore | None, day: date = TODAY) -> TodayPage:
    return loaded(TodayPage(store, lambda: LIBRARY, lambda: day))


def history_page(store: HistoryStore, day: date = TODAY) -> HistoryPage:
    page = HistoryPage(store, Library, lambda: day)
    page.refresh()
    return loaded(page)


def charts_page(store: HistoryStore, day: date = TODAY) -> ChartsPage:
    return loaded(ChartsPage(store, lambda: day))


def summary_page(store: HistoryStore, *, saved: bool = False) -> SummaryPage:
    """The summary of a whole pf-crash-course, with two left-right tests (one counted,
    one not) and the circuit's safety notes; ``saved``: after Save, with the advice."""
    circuit = LIBRARY.circuit("pf-crash-course")
    assert circuit is not None
    sets = [
        CompletedSet(
            block=1,
            round=1,
            exercise_id=ex.id,
            exercise_name=ex.name,
            set_number=1,
            side=side,
            reps_target=10,
            reps_done=9,
            seconds=75.0,
            dose="open",
            load=None,
        )
        for block in circuit.blocks
        for ex in block.exercises
        for side in (("left", "right") if ex.sides == "each" else (None,))
    ]
    tests = [
        SideTest("heel", "Single-leg heel raise to failure", side_point(TODAY, "s", 22, 31,
                 "reps"), 3),
        SideTest("bridge", "Single-leg bridge to failure", None, 0),
    ]  # fmt: skip
    page = SummaryPage()
    page.show_workout(circuit.title, "completed", 1400.0, sets, saved=len(sets),
                      circuit=circuit, tests=tests)  # fmt: skip
    if saved:
        page.show_saved(insights.pain(store, TODAY)[1])
    return page


PAGES: dict[str, tuple[Callable[[HistoryStore], QWidget], bool]] = {
    "summary": (summary_page, False),
    "summary, saved": (lambda s: summary_page(s, saved=True), False),
    "today": (today_page, True),
    "today, rest day": (lambda s: today_page(s, TODAY + timedelta(days=1)), True),
    "today, race over": (lambda s: today_page(s, RACE + timedelta(days=3)), True),
    "history": (history_page, False),
    "charts": (charts_page, True),
}


@pytest.mark.parametrize("size", [SMALL, QSize(920, 680), FOUR_K], ids=["800x600", "1100x760",
                                                                      "4K"])  # fmt: skip
@pytest.mark.parametrize("which", list(PAGES))
def test_nothing_is_clipped(qtbot: QtBot, seeded: HistoryStore, which: str, size: QSize) -> None:
    build, scrolled = PAGES[which]
    holder = in_area(qtbot, build(seeded), size, scrolled=scrolled)
    assert clipping(holder) == []


@pytest.mark.parametrize("which", ["today", "history", "charts"])
def test_empty_pages_are_not_clipped_and_say_what_to_do(
    qtbot: QtBot, store: HistoryStore, which: str
) -> None:
    build, scrolled = PAGES[which]
    holder = in_area(qtbot, build(store), SMALL, scrolled=scrolled)
    assert clipping(holder) == []
    empty = [label for label in shown(holder) if label.objectName() == "emptyState"]
    assert empty and all(isinstance(label, QLabel) and label.wordWrap() for label in empty)
    texts = " ".join(label.text() for label in empty if isinstance(label, QLabel))
    assert "Library" in texts or "Plan" in texts or "Today page" in texts, texts


def test_today_fits_the_small_window_without_scrolling_sideways(
    qtbot: QtBot, seeded: HistoryStore
) -> None:
    page = today_page(seeded)
    holder = in_area(qtbot, page, SMALL, scrolled=True)
    assert clipping(holder) == []
    # The week table shows every column without a scroll bar, and its rows all.
    header = page.week.header()
    assert header.length() <= page.week.viewport().width()
    assert page.week.verticalScrollBar().maximum() == 0
    # The 0-10 scores and Save are all on the page's width.
    for button in [*page.pain_buttons, page.save_pain]:
        assert button.mapTo(page, button.rect().bottomRight()).x() <= page.width() - MARGIN


def test_history_fits_the_small_window_without_a_scroll_area(
    qtbot: QtBot, seeded: HistoryStore
) -> None:
    page = history_page(seeded)
    holder = in_area(qtbot, page, SMALL, scrolled=False)
    assert clipping(holder) == []
    assert page.minimumSizeHint().height() <= SMALL.height()
    heat = page.heatmap
    # Every week of the year is there, each label inside the widget and none on another.
    for day in (heat.start, TODAY):
        rect = heat.cell_rect(day)
        assert rect is not None and heat.rect().toRectF().contains(rect)
    texts = heat.text_rects()
    assert {"Mon", "Wed", "Fri"} <= {text for text, _ in texts}
    for n, (text, rect) in enumerate(texts):
        assert heat.rect().toRectF().contains(rect), text
        for other, again in texts[n + 1 :]:
            assert not rect.intersects(again), (text, other)
    assert page.list.height() >= 4 * page.list.sizeHintForRow(0)  # room for a few sessions


def test_at_4k_nothing_is_absurd(qtbot: QtBot, seeded: HistoryStore) -> None:
    today = today_page(seeded)
    holders = [in_area(qtbot, today, FOUR_K, scrolled=True)]
    # The page keeps to a readable width, centred, and its buttons to a sensible size.
    line = today.fontMetrics().averageCharWidth() * MAX_LINE_CHARS
    assert today.start.width() <= line
    for button in today.pain_buttons:
        assert button.width() <= 2 * PAIN_BUTTON_SIZE.width()
    assert abs(today.start.mapTo(today, today.start.rect().topLeft()).x() - (
        today.width() - today.plan_box.mapTo(today, today.plan_box.rect().topRight()).x()
    )) <= 2  # fmt: skip
    history = history_page(seeded)
    holders.append(in_area(qtbot, history, FOUR_K, scrolled=False))
    rect = history.heatmap.cell_rect(TODAY)
    assert rect is not None and rect.width() <= MAX_PITCH
    for card in (history.current_weeks, history.longest_days):
        assert card.width() <= 30 * card.fontMetrics().averageCharWidth()
    for page in (today, history):
        for widget in shown(page):
            if isinstance(widget, QLabel) and widget.wordWrap():
                chars = widget.width() / widget.fontMetrics().averageCharWidth()
                assert chars <= MAX_LINE_CHARS + 4, widget.text()[:40]
            if isinstance(widget, QAbstractButton):
                assert widget.height() <= 3 * widget.sizeHint().height(), widget.text()


def test_the_window_at_800_by_600(qtbot: QtBot) -> None:
    # The real window on a seeded history (in the test's private data folder).
    with HistoryStore.in_folder(paths.user_home()) as store:
        seed(store)
    window = open_main_window(cue_factory=None, today=lambda: TODAY)
    qtbot.addWidget(window)
    window.resize(800, 600)
    window.show()
    qtbot.waitExposed(window)
    for page in ("Today", "History", "Charts"):
        window.show_page(page)
        settle()
        assert window.size() == QSize(800, 600), page
        assert clipping(window.holders[page]) == [], page
    window.close()


@pytest.mark.parametrize("which", ["first run", "settings"])
def test_dialogs_fit_an_800_by_600_screen(qtbot: QtBot, store: HistoryStore, which: str) -> None:
    # The offscreen platform's screen is 800x600.
    dialog = FirstRunDialog() if which == "first run" else SettingsDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    settle()
    assert dialog.width() <= 800 and dialog.height() <= 600
    assert clipping(dialog) == []


def test_the_checks_find_what_is_clipped(qtbot: QtBot) -> None:
    # Each kind of clipping the checks look for, made on purpose.
    root = QWidget()
    qtbot.addWidget(root)
    root.resize(300, 200)
    label = QLabel("A label far wider than the room it gets", root)
    label.setGeometry(0, 0, 60, 30)
    wrapped = QLabel("A wrapped label with many words in too little height", root)
    wrapped.setWordWrap(True)
    wrapped.setGeometry(0, 40, 120, 16)
    button = QPushButton("A button with a long text", root)
    button.setGeometry(0, 60, 50, 30)
    tree = QTreeWidget(root)
    tree.setHeaderLabels(["Day", "Session"])
    tree.addTopLevelItem(QTreeWidgetItem(["Wednesday 30 September", "x"]))
    tree.setGeometry(0, 100, 280, 90)
    tree.setColumnWidth(0, 12)
    outside = QLabel("x", root)
    outside.setGeometry(290, 190, 40, 40)
    root.show()
    qtbot.waitExposed(root)
    settle()
    found = "\n".join(clipping(root))
    for what in ("QLabel('A label far", "QLabel('A wrapped label", "QPushButton('A button",
                 "cell 'Wednesday 30 September'", "column 'Day' is",
                 "QLabel('x') at (290, 190, 40, 40) lies outside"):  # fmt: skip
        assert what in found, found
    area = QScrollArea()
    qtbot.addWidget(area)
    wide = QWidget()
    wide.setMinimumWidth(500)
    area.setWidget(wide)
    area.resize(200, 200)
    area.show()
    settle()
    assert "scrolls sideways" in "\n".join(clipping(area))
