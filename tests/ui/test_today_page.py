"""The Today page on a seeded store and the bundled library: days to the race, this
week's sessions as plan_overview decides them, today's session with its changes and
Start, adherence, and the morning pain entry."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from circuit_timer.core.adjust import apply_session
from circuit_timer.core.dates import day_text
from circuit_timer.core.describe import minutes
from circuit_timer.core.library import load_library
from circuit_timer.core.plan_words import adherence_text, race_headline
from circuit_timer.core.records import PainEntry
from circuit_timer.core.schedule import PlannedStatus
from circuit_timer.core.timeline import compile_timeline
from circuit_timer.files import paths
from circuit_timer.store import insights
from circuit_timer.store.errors import StoreError
from circuit_timer.store.history import HistoryStore
from circuit_timer.ui import day_watch
from circuit_timer.ui.today_page import TodayPage
from tests.ui.driving import wait_loaded

LIBRARY = load_library(paths.bundled_circuits_dir(), None)
PF_PLAN = "pf-crash-course-4-weeks"
PF = "pf-crash-course"
RACE = date(2026, 12, 20)  # a Sunday
STARTED = date(2026, 11, 16)  # the Monday of week 4 out
TODAY = date(2026, 11, 29)  # Sunday, week 3 out: 4 x 10 heel raises


def completed(store: HistoryStore, circuit_id: str, day: date) -> str:
    """A completed session of ``circuit_id`` on ``day``."""
    started = datetime(day.year, day.month, day.day, 7, tzinfo=UTC)
    uid = store.start_session(circuit_id, started_at=started, local_date=day)
    store.finish_session(uid, "completed", ended_at=started + timedelta(minutes=35))
    return uid


@pytest.fixture
def seeded(store: HistoryStore) -> HistoryStore:
    """The 4-week plan toward Sun 20 Dec, started Mon 16 Nov, with some sessions done.

    Plan days so far: Tue 17 (the left-right check, done), Wed 18 (done), Fri 20 (done
    Sat 21, the day after), Sun 22 (missed), Wed 25 (done), Fri 27 (missed), Sun 29 (today).
    """
    store.enrol(PF_PLAN, RACE, STARTED)
    completed(store, "heel-raise-test", date(2026, 11, 17))
    for day in (date(2026, 11, 18), date(2026, 11, 21), date(2026, 11, 25)):
        completed(store, PF, day)
    return store


def make_page(qtbot: QtBot, store: HistoryStore | None, today: date) -> TodayPage:
    page = TodayPage(store, lambda: LIBRARY, lambda: today)
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.show()
    wait_loaded(qtbot, page)
    return page


def test_days_to_race_this_week_today_and_adherence(qtbot: QtBot, seeded: HistoryStore) -> None:
    page = make_page(qtbot, seeded, TODAY)
    assert page.headline.text() == "21 days to your race (Sun 20 Dec)"
    assert "3 weeks out: Load: 4 x 10RM" in page.plan_line.text()
    # This week (Mon 23 to Sun 29 Nov), as plan_overview decides it.
    overview = insights.plan_overview(seeded, LIBRARY, TODAY)
    assert overview is not None
    monday = date(2026, 11, 23)
    decided = [
        (day_text(p.planned.date), p.status)
        for p in overview.progress
        if monday <= p.planned.date <= TODAY
    ]
    assert [(day, status) for day, status, _ in page.week_statuses()] == decided
    assert page.week_statuses() == [
        ("Wed 25 Nov", "done", "\u2713 done"),
        ("Fri 27 Nov", "missed", "\u2717 missed"),
        ("Sun 29 Nov", "upcoming", "\u25b6 today"),
    ]
    # Today's session with the plan's changes and its length with them.
    circuit = LIBRARY.circuit(PF)
    assert circuit is not None
    [(planned, _, _)] = overview.today_sessions
    seconds = compile_timeline(apply_session(circuit, planned.session)).estimated_seconds
    assert page.session_title.text() == "Plantar fasciitis crash course"
    assert page.session_facts.text() == f"About {minutes(seconds)} min"
    changes = page.changes.text()
    assert "Single-leg heel raise, towel under the toes" in changes
    assert "4 sets of 10 (usually 3 sets of 12)" in changes
    assert "10RM: books in a backpack" in changes
    assert page.start.isVisible() and page.start.isEnabled()
    with qtbot.waitSignal(page.start_requested, timeout=1000):
        qtbot.mouseClick(page.start, Qt.MouseButton.LeftButton)
    # Done: the check on Tue 17, Wed 18, Fri 20 (on Sat 21), Wed 25. Missed: Sun 22, Fri 27.
    # Today not yet due.
    assert page.adherence.text() == "Adherence: 4 of 6 sessions due so far (67%)"


def test_a_scaled_session_says_half_the_sets(qtbot: QtBot, seeded: HistoryStore) -> None:
    page = make_page(qtbot, seeded, date(2026, 12, 2))  # Wed, week 2 out: scale 0.5
    changes = page.changes.text()
    assert "half the sets" in changes
    assert "2 sets of 10 (usually 3 sets of 12)" in changes
    # Tuesday's left-right check is still open today (its day or the day after).
    assert page.week_statuses()[0] == ("Tue 1 Dec", "upcoming", "\u25cb open until today")
    assert page.week_statuses()[1] == ("Wed 2 Dec", "upcoming", "\u25b6 today")
    assert [status for _, status, _ in page.week_statuses()[2:]] == ["upcoming", "upcoming"]


def test_a_rest_day_says_what_is_next_and_offers_no_start(
    qtbot: QtBot, seeded: HistoryStore
) -> None:
    page = make_page(qtbot, seeded, date(2026, 11, 30))
    assert page.session_title.text() == "Rest day"
    assert (
        page.rest.text()
        == "Rest day. Next: Tue 1 Dec, Left-right check: heel raise, bridge, hip abduction"
    )
    assert not page.start.isVisible() and not page.start.isEnabled()


def test_a_session_done_today_is_done(qtbot: QtBot, seeded: HistoryStore) -> None:
    completed(seeded, PF, TODAY)
    page = make_page(qtbot, seeded, TODAY)
    assert page.session_title.text() == "Done for today \u2713"
    assert (
        page.rest.text()
        == "Well done. Next: Tue 1 Dec, Left-right check: heel raise, bridge, hip abduction"
    )
    assert not page.start.isVisible()
    assert page.week_statuses()[-1] == ("Sun 29 Nov", "done", "\u2713 done")
    assert page.adherence.text() == "Adherence: 5 of 7 sessions due so far (71%)"


@pytest.mark.parametrize(
    ("today", "headline"),
    [
        (date(2026, 12, 19), "1 day to your race (Sun 20 Dec)"),
        (RACE, "Race day!"),
        (date(2026, 12, 23), "The race was 3 days ago"),
    ],
)
def test_the_headline_counts_to_race_day_and_after(
    qtbot: QtBot, seeded: HistoryStore, today: date, headline: str
) -> None:
    page = make_page(qtbot, seeded, today)
    assert page.headline.text() == headline
    assert race_headline((RACE - today).days, RACE) == headline
    assert page.next_plan.isVisible() == (today > RACE)


def test_without_a_plan_it_offers_one_and_pain_still_works(
    qtbot: QtBot, store: HistoryStore
) -> None:
    page = make_page(qtbot, store, TODAY)
    assert page.headline.text() == "No plan yet"
    assert page.no_plan_box.isVisible() and not page.plan_box.isVisible()
    with qtbot.waitSignal(page.plan_requested, timeout=1000):
        qtbot.mouseClick(page.choose_plan, Qt.MouseButton.LeftButton)
    assert not page.save_pain.isEnabled()  # nothing picked yet
    qtbot.mouseClick(page.pain_buttons[3], Qt.MouseButton.LeftButton)
    assert page.save_pain.isEnabled()
    with qtbot.waitSignal(page.pain_saved, timeout=1000) as saved:
        qtbot.mouseClick(page.save_pain, Qt.MouseButton.LeftButton)
    assert saved.args == [3]
    assert store.pain_entries() == [PainEntry(TODAY, "morning", 3)]
    assert page.pain_status.text() == "Saved: 3/10 this morning"


def test_morning_pain_is_saved_and_shown_again(qtbot: QtBot, seeded: HistoryStore) -> None:
    seeded.add_pain(TODAY - timedelta(days=1), "morning", 6)  # yesterday's does not show
    page = make_page(qtbot, seeded, TODAY)
    assert page.pain_value() is None and page.pain_status.text() == ""
    qtbot.mouseClick(page.pain_buttons[2], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.save_pain, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.pain_buttons[4], Qt.MouseButton.LeftButton)  # second thoughts
    with qtbot.waitSignal(page.pain_saved, timeout=5000) as saved:
        qtbot.mouseClick(page.save_pain, Qt.MouseButton.LeftButton)
    assert saved.args == [4]
    morning = [e for e in seeded.pain_entries() if e.date == TODAY]
    assert morning == [PainEntry(TODAY, "morning", 4)]  # one entry a day, the last one
    again = make_page(qtbot, seeded, TODAY)
    assert again.pain_value() == 4
    assert again.pain_status.text() == "Saved: 4/10 this morning"


def test_a_store_error_is_shown_not_raised(
    qtbot: QtBot, seeded: HistoryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = make_page(qtbot, seeded, TODAY)

    def broken(*args: object) -> None:
        raise StoreError("the history is open read-only; nothing was saved.")

    # On the class: the score is saved in a worker, on a connection of its own.
    monkeypatch.setattr(HistoryStore, "add_pain", broken)
    qtbot.mouseClick(page.pain_buttons[5], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.save_pain, Qt.MouseButton.LeftButton)
    assert page.pain_status.text() == "Saving 5/10\u2026"  # never "Saved" before it is
    wait_loaded(qtbot, page.morning.writer)
    assert page.pain_status.text() == "the history is open read-only; nothing was saved."


def test_a_plan_gone_from_the_library_is_explained(qtbot: QtBot, store: HistoryStore) -> None:
    store.enrol("no-such-plan", RACE, STARTED)
    page = make_page(qtbot, store, TODAY)
    assert page.headline.text() == "21 days to your race (Sun 20 Dec)"
    assert "'no-such-plan', is no longer in your library" in page.no_plan.text()
    assert page.choose_plan.isVisible() and not page.start.isEnabled()


def test_a_page_left_open_overnight_moves_on_to_the_new_day(
    qtbot: QtBot, seeded: HistoryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(day_watch, "DAY_CHECK_MS", 20)
    day = [TODAY]
    page = TodayPage(seeded, lambda: LIBRARY, lambda: day[0])
    qtbot.addWidget(page)
    page.show()
    wait_loaded(qtbot, page)
    assert page.session_title.text() == "Plantar fasciitis crash course"
    day[0] = TODAY + timedelta(days=1)
    qtbot.waitUntil(lambda: page.session_title.text() == "Rest day", timeout=2000)
    # Hidden, it waits; shown again on a new day, it catches up at once.
    page.hide()
    day[0] = date(2026, 12, 2)
    page.show()
    wait_loaded(qtbot, page)
    assert page.headline.text() == "18 days to your race (Sun 20 Dec)"


def test_the_page_at_1280_by_800(qtbot: QtBot, seeded: HistoryStore, tmp_path: Path) -> None:
    page = make_page(qtbot, seeded, TODAY)
    qtbot.wait(20)
    image = page.grab()
    assert (image.width(), image.height()) == (1280, 800)
    assert image.save(str(tmp_path / "today.png"))
    # What matters from across the room is large: the days to go, today's session, Start.
    body = page.font().pointSizeF()
    assert page.headline.font().pointSizeF() >= 2.5 * body
    assert page.session_title.font().pointSizeF() >= 2 * body
    assert page.start.font().pointSizeF() >= 2 * body and page.start.height() >= 80


def test_adherence_counts_in_words(seeded: HistoryStore) -> None:
    overview = insights.plan_overview(seeded, LIBRARY, TODAY)
    assert overview is not None
    one = overview.progress[0]

    def progress(*statuses: str) -> list[PlannedStatus]:
        return [replace(one, status=status) for status in statuses]  # type: ignore[arg-type]

    assert adherence_text(progress()) == "No plan sessions due yet."
    assert adherence_text(progress("done")) == "1 of 1 session due so far (100%)"
    assert adherence_text(progress("done", "missed")) == "1 of 2 sessions due so far (50%)"


def test_the_pain_scores_wrap_in_a_narrow_page(qtbot: QtBot, store: HistoryStore) -> None:
    page = make_page(qtbot, store, TODAY)
    rows = {}
    for width in (1280, 470):
        page.resize(width, 900)
        for _ in range(5):
            QApplication.processEvents()
        tops = [b.mapTo(page, b.rect().topLeft()) for b in page.pain_buttons]
        rows[width] = sorted({top.y() for top in tops})
        assert all(b.width() >= b.sizeHint().width() for b in page.pain_buttons)
        assert all(b.mapTo(page, b.rect().topRight()).x() < width for b in page.pain_buttons)
    assert len(rows[1280]) == 1
    # Two rows, 0-5 over 6-10: never a lone 10 on a row of its own.
    assert len(rows[470]) == 2
    first_row = [
        b.text() for b in page.pain_buttons if b.mapTo(page, b.rect().topLeft()).y() == rows[470][0]
    ]
    assert first_row == ["0", "1", "2", "3", "4", "5"]


def test_the_pain_check_is_the_clis_advice_with_its_clause(
    qtbot: QtBot, seeded: HistoryStore
) -> None:
    # A week of mornings at 1/10, then a week at 4/10, with a session at 3/10 after.
    for n in range(14):
        seeded.add_pain(TODAY - timedelta(days=13 - n), "morning", 1 if n < 7 else 4)
    seeded.add_pain(date(2026, 11, 25), "after", 3)
    page = make_page(qtbot, seeded, TODAY)
    _, advice = insights.pain(seeded, TODAY)
    assert advice.clause == "week-to-week" and advice.lighter_next_time
    assert page.advice.isVisible()
    assert page.advice.title.text() == "Go lighter next session"
    assert page.advice.message.text() == advice.message  # the words `pain --trend` prints
    assert page.advice.decided.text() == (
        "Decided by the week-to-week check: morning pain not rising week to week."
    )
    shown = page.advice.plain_text()
    assert "\u2717 broken Morning pain not rising week to week" in shown
    assert "\u2713 kept Pain during and after at most 5/10: Pain after your last session was " \
        "3/10: 0-3 is safe." in shown  # fmt: skip


def test_saving_morning_pain_updates_the_pain_check(qtbot: QtBot, store: HistoryStore) -> None:
    for n in range(1, 8):
        store.add_pain(TODAY - timedelta(days=n), "morning", 1)
    page = make_page(qtbot, store, TODAY)
    assert "? not known Morning pain not rising week to week: Fewer than 8" in (
        page.advice.plain_text()
    )
    assert page.advice.title.text() == "Nothing to go by yet"
    qtbot.mouseClick(page.pain_buttons[1], Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(page.pain_saved, timeout=5000):
        qtbot.mouseClick(page.save_pain, Qt.MouseButton.LeftButton)
    wait_loaded(qtbot, page)
    assert "\u2713 kept Morning pain not rising week to week" in page.advice.plain_text()


def test_the_pain_check_says_when_the_history_cannot_be_read(qtbot: QtBot) -> None:
    page = make_page(qtbot, None, TODAY)
    assert page.advice.title.text() == "No advice"
    assert page.advice.message.text() == "The history could not be opened."
