"""The history page on a seeded store: streak cards, heatmap, list, sets, delete and undo."""

from __future__ import annotations

import time
import uuid as uuidlib
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from circuit_timer.core.history_words import pain_text, set_text
from circuit_timer.core.library import Library
from circuit_timer.core.records import CompletedSet, SetRecord
from circuit_timer.store import insights
from circuit_timer.store.errors import StoreError
from circuit_timer.store.history import HistoryStore
from circuit_timer.store.timestamps import to_text
from circuit_timer.ui.history_page import HistoryPage
from circuit_timer.ui.session_list import COLUMNS
from tests.ui.driving import wait_loaded

TODAY = date(2026, 6, 17)  # a Wednesday
OLD = TODAY - timedelta(days=400)  # before the heatmap's year


def add_session(store: HistoryStore, day: date, hour: int, status: str = "completed") -> str:
    """A session at ``hour`` on ``day``: a heel raise each side and a plank."""
    started = datetime(day.year, day.month, day.day, hour, 0, tzinfo=UTC)
    uid = store.start_session(
        "pf-crash-course",
        circuit_title="Plantar fasciitis crash course",
        started_at=started,
        local_date=day,
    )
    for side in ("left", "right"):
        store.record_set(uid, CompletedSet(
            block=1, round=1, exercise_id="raise", set_number=1, side=side, reps_target=10,
            reps_done=8 + (side == "right"), seconds=40.0, exercise_name="Heel raise",
            dose="tempo"))  # fmt: skip
    store.record_set(uid, CompletedSet(
        block=2, round=1, exercise_id="plank", set_number=1, side=None, reps_target=None,
        reps_done=None, seconds=30.0, exercise_name="Plank", dose="timed"))  # fmt: skip
    store.finish_session(uid, "completed" if status == "completed" else "partial",
                         pain_after=2, notes="felt fine",
                         ended_at=started + timedelta(minutes=20))  # fmt: skip
    return uid


@pytest.fixture
def seeded(store: HistoryStore) -> dict[str, str]:
    """Today one session, yesterday two, the day before a partial one, a week ago three,
    and one long ago."""
    return {
        "today": add_session(store, TODAY, 7),
        "yesterday-1": add_session(store, TODAY - timedelta(days=1), 7),
        "yesterday-2": add_session(store, TODAY - timedelta(days=1), 18),
        "partial": add_session(store, TODAY - timedelta(days=2), 7, status="partial"),
        "week-1": add_session(store, TODAY - timedelta(days=7), 6),
        "week-2": add_session(store, TODAY - timedelta(days=7), 12),
        "week-3": add_session(store, TODAY - timedelta(days=7), 19),
        "old": add_session(store, OLD, 7),
    }


@pytest.fixture
def page(qtbot: QtBot, store: HistoryStore, seeded: dict[str, str]) -> HistoryPage:
    shown = HistoryPage(store, Library, lambda: TODAY)
    qtbot.addWidget(shown)
    shown.resize(1280, 800)
    shown.show()
    shown.refresh()
    wait_loaded(qtbot, shown)
    return shown


def test_streak_cards_show_the_stores_numbers(page: HistoryPage, store: HistoryStore) -> None:
    expected = insights.streaks(store, Library(), TODAY)
    shown = {
        "current_weeks": int(page.current_weeks.value.text()),
        "longest_weeks": int(page.longest_weeks.value.text()),
        "current_days": int(page.current_days.value.text()),
        "longest_days": int(page.longest_days.value.text()),
    }
    assert shown == {k: getattr(expected, k) for k in shown}
    # And those are the right numbers: this week and last are met (3 each); today and
    # yesterday make the day streak, the partial day before breaks it.
    assert shown == {"current_weeks": 2, "longest_weeks": 2, "current_days": 2,
                     "longest_days": 2}  # fmt: skip
    assert page.current_days.unit.text() == "days"
    assert "7 completed sessions" in page.totals.text()
    assert "3 sessions" in page.totals.text()  # the weekly target


def test_the_heatmap_shows_the_seeded_days(page: HistoryPage) -> None:
    heat = page.heatmap
    none, one, two, three = (TODAY - timedelta(days=n) for n in (3, 0, 1, 7))
    partial = TODAY - timedelta(days=2)
    colours = [heat.colour_of(d).rgba() for d in (none, one, two, three, partial)]
    assert len(set(colours)) == 5, colours
    assert heat.outline_of(partial) is not None
    assert heat.outline_of(one) is None
    empty = heat.colour_of(none)
    grid = [heat.start + timedelta(days=n) for n in range((TODAY - heat.start).days + 1)]
    assert len(grid) == 52 * 7 + 3  # 52 whole weeks and today's to Wednesday
    assert {d for d in grid if heat.colour_of(d) != empty} == {one, two, three, partial}
    assert not heat.colour_of(OLD).isValid()  # off the grid
    assert not heat.colour_of(TODAY + timedelta(days=1)).isValid()
    assert heat.tooltip_of(two) == "Tue 16 Jun 2026: 2 sessions"
    assert heat.tooltip_of(partial) == "Mon 15 Jun 2026: no sessions, 1 partial"


def test_each_square_is_where_cell_at_finds_it(page: HistoryPage) -> None:
    heat = page.heatmap
    for day in (heat.start, TODAY - timedelta(days=100), TODAY):
        rect = heat.cell_rect(day)
        assert rect is not None and heat.rect().contains(rect.toRect())
        assert heat.cell_at(rect.center()) == day
    assert heat.cell_at(heat.rect().topLeft()) is None


def test_clicking_a_day_filters_the_list(
    page: HistoryPage, qtbot: QtBot, seeded: dict[str, str]
) -> None:
    assert page.visible_uuids()[0] == seeded["today"]  # newest first
    assert len(page.visible_uuids()) == len(seeded)
    yesterday = TODAY - timedelta(days=1)
    rect = page.heatmap.cell_rect(yesterday)
    assert rect is not None
    with qtbot.waitSignal(page.heatmap.day_clicked) as clicked:
        qtbot.mouseClick(page.heatmap, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    assert clicked.args == [yesterday]
    assert page.visible_uuids() == [seeded["yesterday-2"], seeded["yesterday-1"]]
    assert page.filter_label.text() == "2 sessions on Tue 16 Jun 2026"
    assert page.show_all.isVisible()
    empty = page.heatmap.cell_rect(TODAY - timedelta(days=3))
    assert empty is not None
    qtbot.mouseClick(page.heatmap, Qt.MouseButton.LeftButton, pos=empty.center().toPoint())
    assert page.visible_uuids() == []
    assert page.filter_label.text().startswith("No sessions on Sun 14 Jun 2026")
    qtbot.mouseClick(page.show_all, Qt.MouseButton.LeftButton)
    assert len(page.visible_uuids()) == len(seeded)
    assert not page.show_all.isVisible()


def test_the_list_marks_partial_sessions(page: HistoryPage, seeded: dict[str, str]) -> None:
    done, partial = page.item_of(seeded["today"]), page.item_of(seeded["partial"])
    assert done is not None and partial is not None
    local = datetime(2026, 6, 17, 7, 0, tzinfo=UTC).astimezone()
    # Issue 11: pain during has its column; not entered, it is a dash, never 0.
    assert [done.text(c) for c in range(8)] == [
        f"Wed 17 Jun 2026 {local.hour:02d}:{local.minute:02d}",
        "Plantar fasciitis crash course", "Completed", "3", "17", "\u2013", "2 / 10",
        "felt fine",
    ]  # fmt: skip
    assert partial.text(2).startswith("PARTIAL")
    assert partial.foreground(2).color() != done.foreground(2).color()
    assert partial.font(2).bold()


def test_expanding_a_session_shows_its_sets(
    page: HistoryPage, qtbot: QtBot, seeded: dict[str, str]
) -> None:
    item = page.item_of(seeded["today"])
    assert item is not None
    assert item.childCount() == 0  # loaded only when asked for
    page.list.expandItem(item)
    wait_loaded(qtbot, page.sets_loader)
    texts = [item.child(n).text(0) for n in range(item.childCount())]
    assert texts == [
        "Heel raise, left: set 1 of block 1, round 1 · 8 / 10 reps · 0:40",
        "Heel raise, right: set 1 of block 1, round 1 · 9 / 10 reps · 0:40",
        "Plank: set 1 of block 2, round 1 · 0:30",
    ]
    page.list.collapseItem(item)
    page.list.expandItem(item)
    assert item.childCount() == 3  # not loaded twice


def yes(*_args: object, **_kwargs: object) -> QMessageBox.StandardButton:
    return QMessageBox.StandardButton.Yes


def test_delete_asks_and_undo_brings_the_session_back(
    page: HistoryPage,
    qtbot: QtBot,
    store: HistoryStore,
    seeded: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    before = (store.sessions(), store.sets())
    victim = seeded["yesterday-1"]
    item = page.item_of(victim)
    assert item is not None
    page.list.setCurrentItem(item)
    asked: list[str] = []

    def answer(_parent: object, _title: str, text: str, *_rest: object) -> object:
        asked.append(text)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", answer)
    qtbot.mouseClick(page.delete, Qt.MouseButton.LeftButton)
    assert asked and "Tue 16 Jun 2026" in asked[0] and "3 sets" in asked[0]
    page.list.setFocus()
    qtbot.keyClick(page.list, Qt.Key.Key_Delete)  # the Delete key asks too
    assert len(asked) == 2
    assert store.session(victim) is not None  # "No" keeps it

    monkeypatch.setattr(QMessageBox, "question", yes)
    with qtbot.waitSignal(page.changed):
        qtbot.mouseClick(page.delete, Qt.MouseButton.LeftButton)
    wait_loaded(qtbot, page)
    assert store.session(victim) is None
    assert victim not in page.visible_uuids()
    assert page.undo_bar.isVisible()
    assert page.undo_label.text().startswith("Deleted Tue 16 Jun 2026")
    assert "6 completed sessions" in page.totals.text()
    assert page.heatmap.colour_of(TODAY - timedelta(days=1)) == page.heatmap.colour_of(TODAY)

    with qtbot.waitSignal(page.changed):
        qtbot.mouseClick(page.undo_button, Qt.MouseButton.LeftButton)
    wait_loaded(qtbot, page)
    assert (store.sessions(), store.sets()) == before
    assert victim in page.visible_uuids()
    assert not page.undo_bar.isVisible()
    assert "7 completed sessions" in page.totals.text()


def test_store_errors_are_shown_not_raised(
    page: HistoryPage,
    qtbot: QtBot,
    store: HistoryStore,
    seeded: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def locked(*_args: object, **_kwargs: object) -> None:
        raise StoreError("the history database is locked by another program")

    item = page.item_of(seeded["today"])
    assert item is not None
    page.list.setCurrentItem(item)
    monkeypatch.setattr(QMessageBox, "question", yes)
    # On the class: the page writes in a worker, on a connection of its own.
    monkeypatch.setattr(HistoryStore, "delete_session", locked)
    qtbot.mouseClick(page.delete, Qt.MouseButton.LeftButton)
    wait_loaded(qtbot, page)
    assert page.message.isVisible()
    assert page.message.text() == "The history database is locked by another program"
    assert not page.undo_bar.isVisible()
    assert seeded["today"] in page.visible_uuids()
    # On the class: the page reads in a worker, on a connection of its own.
    monkeypatch.setattr(HistoryStore, "sessions", locked)
    page.refresh()
    wait_loaded(qtbot, page)
    assert page.message.isVisible()
    monkeypatch.undo()
    page.refresh()
    wait_loaded(qtbot, page)
    assert not page.message.isVisible()


def seed_years(store: HistoryStore, today: date, days: int, sets_each: int) -> None:
    """``days`` daily sessions up to ``today``, ``sets_each`` sets each, in one transaction."""
    sessions, sets = [], []
    for n in range(days):
        day = today - timedelta(days=days - 1 - n)
        start = to_text(datetime(day.year, day.month, day.day, 7, 0, tzinfo=UTC))
        status = "partial" if n % 97 == 0 else "completed"
        sessions.append((n + 1, str(uuidlib.uuid4()), "pf-crash-course", "PF crash course",
                         start, start, day.isoformat(), status))  # fmt: skip
        for k in range(sets_each):
            sets.append((n + 1, 1 + k // 9, 1, f"ex{k % 9}", f"Exercise {k % 9}", 1 + k % 3,
                         ("left", "right")[k % 2], 10, 9, 30.0, start))  # fmt: skip
    with store.transaction() as conn:
        conn.executemany(
            "INSERT INTO sessions (id, uuid, circuit_id, circuit_title, started_at, ended_at, "
            "local_date, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            sessions,
        )
        conn.executemany(
            "INSERT INTO sets (session_id, block, round, exercise_id, exercise_name, "
            "set_number, side, reps_target, reps_done, seconds, recorded_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            sets,
        )


def test_ten_years_of_daily_sessions_open(qtbot: QtBot, store: HistoryStore) -> None:
    # A benchmark, not a test of speed: the time is printed (run with -s), not asserted.
    seed_years(store, TODAY, 3650, 27)
    started = time.perf_counter()
    page = HistoryPage(store, Library, lambda: TODAY)
    # Closed and deleted by qtbot on the GUI thread even if the wait fails: a page left to
    # the garbage collector may be destroyed on whichever thread collects.
    qtbot.addWidget(page)
    page.refresh()
    wait_loaded(qtbot, page, timeout=60_000)
    elapsed = time.perf_counter() - started
    print(f"\nHistoryPage with 3,650 sessions: construction + refresh {elapsed * 1000:.0f} ms")
    assert len(page.visible_uuids()) == 3650
    expected = insights.streaks(store, Library(), TODAY)
    assert int(page.longest_days.value.text()) == expected.longest_days > 0
    # One session a day: every day of the heatmap has either a completed or a partial one.
    assert len(page.heatmap.counts) + len(page.heatmap.partial) == 52 * 7 + 3


def test_a_session_still_being_recorded_is_not_deleted(
    page: HistoryPage,
    qtbot: QtBot,
    store: HistoryStore,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    running = store.start_session(
        "pf-crash-course", started_at=datetime(2026, 6, 17, 9, tzinfo=UTC)
    )
    page.refresh()
    wait_loaded(qtbot, page)
    item = page.item_of(running)
    assert item is not None
    page.list.setCurrentItem(item)
    monkeypatch.setattr(QMessageBox, "question", yes)
    qtbot.mouseClick(page.delete, Qt.MouseButton.LeftButton)
    wait_loaded(qtbot, page)
    assert store.session(running) is not None
    assert "still being recorded" in page.message.text()


def test_sessions_are_listed_newest_first(page: HistoryPage, seeded: dict[str, str]) -> None:
    # By day, and within a day by the time it started: the order `circuit-timer history`
    # prints too.
    assert page.visible_uuids() == [seeded[key] for key in (
        "today", "yesterday-2", "yesterday-1", "partial", "week-3", "week-2", "week-1", "old"
    )]  # fmt: skip
    assert page.filter_label.text() == "All sessions, newest first: 8"


def test_an_empty_history_says_how_to_fill_it(qtbot: QtBot, store: HistoryStore) -> None:
    page = HistoryPage(store, Library, lambda: TODAY)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    wait_loaded(qtbot, page)
    assert page.empty.isVisible() and page.empty.objectName() == "emptyState"
    assert "Start a circuit from the Library" in page.empty.text()
    assert not page.list.isVisible() and not page.delete.isVisible()
    add_session(store, TODAY, 7)
    page.refresh()
    wait_loaded(qtbot, page)
    assert not page.empty.isVisible() and page.list.isVisible()
    assert len(page.visible_uuids()) == 1


def test_a_set_says_rep_or_reps() -> None:
    one = SetRecord("u", TODAY, 1, 1, "raise", 1, None, None, 1, None, exercise_name="Raise")
    assert set_text(one) == "Raise: set 1 of block 1, round 1 · 1 rep"
    assert set_text(replace(one, reps_target=1)) == "Raise: set 1 of block 1, round 1 · 1 / 1 rep"
    many = replace(one, reps_done=12)
    assert set_text(many) == "Raise: set 1 of block 1, round 1 · 12 reps"


def test_pain_not_entered_is_a_dash_and_pain_during_is_shown(
    qtbot: QtBot, store: HistoryStore
) -> None:
    uid = add_session(store, TODAY, 7)
    store.update_session(uid, pain_during=4)
    started = datetime(2026, 6, 16, 7, tzinfo=UTC)
    bare = store.start_session("pf-crash-course", started_at=started, local_date=TODAY
                               - timedelta(days=1))  # fmt: skip
    store.finish_session(bare, "completed", ended_at=started + timedelta(minutes=5))
    page = HistoryPage(store, Library, lambda: TODAY)
    qtbot.addWidget(page)
    page.refresh()
    wait_loaded(qtbot, page)
    during, after = COLUMNS.index("Pain during"), COLUMNS.index("Pain after")
    scored, unscored = page.item_of(uid), page.item_of(bare)
    assert scored is not None and unscored is not None
    assert (scored.text(during), scored.text(after)) == ("4 / 10", "2 / 10")
    assert (unscored.text(during), unscored.text(after)) == ("\u2013", "\u2013")
    assert pain_text(0) == "0 / 10" and pain_text(None) == "\u2013"


def test_a_test_set_says_whether_it_was_counted() -> None:
    base = SetRecord("s", TODAY, 1, 1, "heel-raise-test", 1, "left", 30, None, 45.0,
                     exercise_name="Heel raise test", dose="open", test=True)  # fmt: skip
    assert set_text(base) == (
        "Heel raise test, left: set 1 of block 1, round 1 · \u2013 / 30 reps · 0:45 · "
        "test, not counted"
    )
    counted = replace(base, reps_done=22, counted=True)
    assert set_text(counted).endswith("22 / 30 reps · 0:45 · test, counted")
