"""The Library page: one obvious Start with a plan active (today's plan session with the
plan's changes, or a circuit as written, and the page says which), files that replace a
bundled one, empty searches, and counts in words."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from circuit_timer.core.library import Library, load_library
from circuit_timer.core.model import Circuit
from circuit_timer.files import paths
from circuit_timer.store.history import HistoryStore
from circuit_timer.ui.library_page import LibraryPage
from tests.ui.driving import wait_loaded

PF_PLAN = "pf-crash-course-4-weeks"
PF = "pf-crash-course"
RACE = date(2026, 12, 20)  # a Sunday
STARTED = date(2026, 11, 16)
TODAY = date(2026, 12, 2)  # 18 days out: half the sets, heel raises 2 x 10
REST_DAY = date(2026, 12, 3)
BUNDLED = load_library(paths.bundled_circuits_dir(), None)


def one_line(text: str) -> str:
    return " ".join(text.split())


def make_page(
    qtbot: QtBot, store: HistoryStore | None, today: date, library: Library = BUNDLED
) -> LibraryPage:
    page = LibraryPage(store, lambda: today)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.set_library(library)
    page.show()
    wait_loaded(qtbot, page)  # today's plan session is read off the GUI thread
    return page


def completed(store: HistoryStore, circuit_id: str, day: date) -> None:
    started = datetime(day.year, day.month, day.day, 7, tzinfo=UTC)
    uid = store.start_session(circuit_id, started_at=started, local_date=day)
    store.finish_session(uid, "completed", ended_at=started + timedelta(minutes=30))


def test_todays_plan_circuit_starts_the_plan_session_first(
    qtbot: QtBot, store: HistoryStore
) -> None:
    store.enrol(PF_PLAN, RACE, STARTED)
    page = make_page(qtbot, store, TODAY)
    page.select(PF)
    assert page.is_plan_session_selected()
    # The primary action is the plan's session; the file as written is second and says so.
    assert page.plan_start.isVisible() and page.plan_start.objectName() == "primary"
    assert one_line(page.plan_start.text()) == (
        "Start today's plan session (with the plan's changes)"
    )
    assert page.plan_start.isDefault() and not page.start.isDefault()
    assert one_line(page.start.text()) == "Run as written (without the plan's changes)"
    assert page.start.objectName() != "primary"
    assert page.start.font().pointSizeF() <= page.plan_start.font().pointSizeF()
    assert not page.start.font().bold() and page.plan_start.font().bold()
    # What the plan changes today, and the plan's doses in the preview.
    text = page.preview.toPlainText()
    assert "Today's plan session" in text and "half the sets" in text
    assert "2 sets of 10 (usually 3 sets of 12)" in text
    assert "Single-leg heel raise, towel under the toes: 2 x 10 reps at tempo 3-2-3" in text
    # The list gives the file's length and today's, which the plan's changes make shorter.
    assert page.list.currentItem().text().endswith("33 min · today's plan session: 22 min")
    assert "Plantar fasciitis crash course" in page.today.text()
    with qtbot.waitSignal(page.plan_session_requested, timeout=1000):
        qtbot.mouseClick(page.plan_start, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(page.start_requested, timeout=1000) as as_written:
        qtbot.mouseClick(page.start, Qt.MouseButton.LeftButton)
    assert as_written.args == [PF]
    # Enter or a double click takes the primary action, never the other dose.
    started: list[str] = []
    page.start_requested.connect(started.append)
    with qtbot.waitSignal(page.plan_session_requested, timeout=1000):
        page.list.itemActivated.emit(page.list.currentItem())
    assert started == []


def test_another_circuit_starts_as_written_and_the_page_says_so(
    qtbot: QtBot, store: HistoryStore
) -> None:
    store.enrol(PF_PLAN, RACE, STARTED)
    page = make_page(qtbot, store, TODAY)
    page.select("calf-achilles")
    assert not page.is_plan_session_selected()
    assert not page.plan_start.isVisible()
    assert page.start.text() == "Start" and page.start.objectName() == "primary"
    note = page.plan_note.text()
    assert page.plan_note.isVisible()
    assert "Start runs Calf and Achilles as written" in note
    assert "Plantar fasciitis crash course" in note and "plan's changes" in note
    assert "Today's plan session" not in page.preview.toPlainText()
    with qtbot.waitSignal(page.start_requested, timeout=1000) as blocker:
        qtbot.mouseClick(page.start, Qt.MouseButton.LeftButton)
    assert blocker.args == ["calf-achilles"]
    # The link to today's plan session selects it, even through a search that hid it.
    page.search.setText("calf")
    page.today.linkActivated.emit("select")
    assert page.selected_id() == PF and page.plan_start.isVisible()


def test_once_todays_session_is_done_start_runs_as_written(
    qtbot: QtBot, store: HistoryStore
) -> None:
    store.enrol(PF_PLAN, RACE, STARTED)
    completed(store, PF, TODAY)
    page = make_page(qtbot, store, TODAY)
    page.select(PF)
    assert not page.plan_start.isVisible() and not page.today.isVisible()
    assert page.start.text() == "Start"
    assert page.plan_note.text() == (
        "Today's plan session is done. Start runs Plantar fasciitis crash course as written."
    )
    assert "today's plan session" not in page.list.currentItem().text()


def test_a_rest_day_and_no_plan(qtbot: QtBot, store: HistoryStore) -> None:
    page = make_page(qtbot, store, REST_DAY)
    page.select(PF)
    assert page.start.text() == "Start" and not page.plan_note.isVisible()
    store.enrol(PF_PLAN, RACE, STARTED)
    page.show_today()
    wait_loaded(qtbot, page)
    assert page.plan_note.text() == (
        "No plan session today. Start runs Plantar fasciitis crash course as written."
    )
    assert not page.plan_start.isVisible()


def test_a_plan_in_the_list_says_how_its_weeks_are_counted(
    qtbot: QtBot, store: HistoryStore
) -> None:
    page = make_page(qtbot, store, TODAY)
    page.select(PF_PLAN)
    lines = page.list.currentItem().text().split("\n")
    assert lines[0] == "Plantar fasciitis crash course, 3-4 weeks to race day"
    assert lines[1].strip() == "plan, 4 weeks + race week"  # as `circuit-timer list` says
    text = page.preview.toPlainText()
    assert "Race week\n" in text and "Race week: Race week" not in text.replace("\n", " ")
    assert "towel-heel-raise" not in text  # exercises by name, not id
    assert "Single-leg heel raise, towel under the toes: 2 sets of 10" in text
    assert not page.start.isEnabled() and "Plan page" in page.plan_note.text()


def test_a_user_file_that_replaces_a_bundled_one_is_marked(
    qtbot: QtBot, store: HistoryStore, tmp_path: Path
) -> None:
    user = tmp_path / "circuits"
    user.mkdir()
    source = (paths.bundled_circuits_dir() / "calf-achilles.yaml").read_text()
    (user / "calf-achilles.yaml").write_text(source.replace("Calf and Achilles", "My calves"))
    (user / "mine.yaml").write_text(
        source.replace("id: calf-achilles", "id: mine").replace("Calf and Achilles", "Mine")
    )
    library = load_library(paths.bundled_circuits_dir(), user)
    assert isinstance(library.entries["mine"].document, Circuit)
    page = make_page(qtbot, store, TODAY, library)
    texts = {page.list.item(r).text().split("\n")[0]: page.list.item(r).text()
             for r in range(page.list.count())}  # fmt: skip
    assert texts["My calves"].endswith("· yours, replaces the bundled one")
    assert texts["Mine"].endswith("· yours")
    assert "yours" not in texts["Runner's knee"]


def test_an_empty_search_says_what_to_do(qtbot: QtBot, store: HistoryStore) -> None:
    page = make_page(qtbot, store, TODAY)
    assert not page.empty.isVisible()
    page.search.setText("zzz")
    assert page.visible_titles() == []
    assert page.empty.isVisible() and page.empty.objectName() == "emptyState"
    assert page.empty.text() == (
        "No circuit or plan matches “zzz”. To see them all, clear the search."
    )
    assert not page.start.isEnabled() and page.selected_id() is None
    page.search.clear()
    assert not page.empty.isVisible()
    assert page.status.text() == "6 circuits, 2 plans"


def test_counts_are_in_words(qtbot: QtBot, store: HistoryStore, tmp_path: Path) -> None:
    user = tmp_path / "circuits"
    user.mkdir()
    (user / "broken.yaml").write_text("format: 1\ncircuit: [\n")
    page = make_page(qtbot, store, TODAY, load_library(paths.bundled_circuits_dir(), user))
    assert page.status.text() == "6 circuits, 2 plans; 1 file with errors"


def test_the_window_runs_the_plan_session_from_the_library(
    qtbot: QtBot, private_home: Path
) -> None:
    from circuit_timer.core.clock import FakeClock
    from circuit_timer.ui.app import open_main_window

    with HistoryStore.in_folder(private_home) as store:
        store.enrol(PF_PLAN, RACE, STARTED)

    class Awake:
        def hold(self, reason: str = "") -> None: ...
        def release(self) -> None: ...

    win = open_main_window(clock=FakeClock(), cue_factory=None, keep_awake=Awake(),
                           today=lambda: TODAY)  # fmt: skip
    qtbot.addWidget(win)
    win.show()
    wait_loaded(qtbot, win)  # the start-up read (Today first, with a plan) is in
    win.show_page("Library")
    page = win.library_page
    wait_loaded(qtbot, win)
    page.select(PF)
    assert page.plan_start.isVisible() and page.start.text().startswith("Run as written")
    qtbot.mouseClick(page.plan_start, Qt.MouseButton.LeftButton)
    wait_loaded(qtbot, win)  # today's session is read off the GUI thread, then started
    assert win.controller is not None
    towel = next(ex for b in win.controller.workout.circuit.blocks for ex in b.exercises
                 if ex.id == "towel-heel-raise")  # fmt: skip
    # Issue 14: a late start begins at the ladder's first step (3 x 12), halved in week 2.
    assert (towel.sets, towel.reps) == (2, 12)
    assert win.controller.workout.origin.plan_id == PF_PLAN
    win.controller.finish_early()
    win.close()


def test_the_preview_shows_each_exercises_notes(qtbot: QtBot, store: HistoryStore) -> None:
    page = make_page(qtbot, store, REST_DAY)
    page.select(PF)
    circuit = BUNDLED.circuit(PF)
    assert circuit is not None
    text = one_line(page.preview.toPlainText())
    noted = [ex for block in circuit.blocks for ex in block.exercises if ex.notes]
    assert noted  # the bundled circuit has notes to show
    for ex in noted:
        assert f"Notes: {one_line(ex.notes or '')}" in text, ex.id


def test_notes_are_text_not_html_and_sit_under_their_exercise(
    qtbot: QtBot, store: HistoryStore, tmp_path: Path
) -> None:
    user = tmp_path / "circuits"
    user.mkdir()
    (user / "noted.yaml").write_text(
        "title: Noted\nblocks:\n  - exercises:\n"
        "      - {id: a, name: Hops, reps: 5, notes: 'Stop above <b>5/10</b> & rest'}\n"
        "      - {id: b, name: Squat, reps: 5}\n"
    )
    page = make_page(qtbot, store, REST_DAY, load_library(paths.bundled_circuits_dir(), user))
    page.select("noted")
    lines = [line.strip() for line in page.preview.toPlainText().splitlines()]
    hops = next(n for n, line in enumerate(lines) if line.startswith("Hops:"))
    assert lines[hops + 1] == "Notes: Stop above <b>5/10</b> & rest"  # shown, not rendered
    assert lines[hops + 2].startswith("Squat:")
