"""The Plan page on a seeded store and the bundled library: the schedule preview counted
back from the race date, starting late, and starting, changing and stopping a plan."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from circuit_timer.cli import main
from circuit_timer.core.adjust import apply_session
from circuit_timer.core.dates import day_text
from circuit_timer.core.describe import minutes
from circuit_timer.core.library import Library, load_library
from circuit_timer.core.model import Plan
from circuit_timer.core.plan_words import change_lines, week_title
from circuit_timer.core.schedule import default_race_date, plan_schedule, week_window
from circuit_timer.core.timeline import compile_timeline
from circuit_timer.files import paths
from circuit_timer.store.errors import StoreError
from circuit_timer.store.history import HistoryStore
from circuit_timer.ui.plan_page import PlanPage
from tests.ui.driving import wait_loaded

LIBRARY = load_library(paths.bundled_circuits_dir(), None)
PF_PLAN = "pf-crash-course-4-weeks"
FEET_PLAN = "stronger-feet-8-weeks"
SUNDAY = date(2026, 11, 22)  # four weeks out (its last day) from a race on Sunday 20 Dec
RACE = date(2026, 12, 20)


def plan(plan_id: str, library: Library = LIBRARY) -> Plan:
    found = library.plan(plan_id)
    assert found is not None
    return found


def make_page(qtbot: QtBot, store: HistoryStore | None, today: date) -> PlanPage:
    page = PlanPage(store, lambda: LIBRARY, lambda: today)
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.show()
    wait_loaded(qtbot, page)
    return page


def answer(monkeypatch: pytest.MonkeyPatch, button: QMessageBox.StandardButton) -> list[str]:
    """Make QMessageBox.question answer ``button``; returns the questions asked."""
    asked: list[str] = []

    def question(_parent: Any, _title: str, text: str, *args: Any, **kwargs: Any) -> Any:
        asked.append(text)
        return button

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def test_the_preview_is_the_schedule_week_by_week_back_from_race_day(
    qtbot: QtBot, store: HistoryStore
) -> None:
    page = make_page(qtbot, store, SUNDAY)
    page.select_plan(PF_PLAN)
    page.set_race_date(RACE)
    expected = plan_schedule(plan(PF_PLAN), RACE, SUNDAY)
    # Exactly the sessions of the schedule, in order; the check on Tue 17 Nov and the
    # sessions of Wed 18 and Fri 20 Nov have passed; the check of Tue 1 Dec is among them.
    assert page.tree.shown_sessions() == [(p.date, p.index) for p in expected]
    assert [d for d, _ in page.tree.shown_sessions()][:2] == [SUNDAY, date(2026, 11, 25)]
    assert len(expected) == 12 and expected[-1].date == date(2026, 12, 17)
    for item, planned in zip(page.tree.session_items(), expected, strict=True):
        circuit = LIBRARY.circuit(planned.circuit_id)
        assert circuit is not None
        seconds = compile_timeline(apply_session(circuit, planned.session)).estimated_seconds
        assert item.text(0) == day_text(planned.date)
        assert item.text(1) == circuit.title
        assert item.text(2) == f"{minutes(seconds)} min"
        assert item.text(3) == ("\n".join(change_lines(planned.session, circuit, full=False))
                                or "as written")  # fmt: skip
    # Weeks from the furthest out to race week, each holding its own sessions.
    titles = page.tree.week_titles()
    assert [t.split("  (")[0] for t in titles] == [
        "4 weeks out: Load: 3 x 12RM",
        "3 weeks out: Load: 4 x 10RM",
        "2 weeks out: Half the sets, same load; last heavy session",
        "1 week out: Taper",
        "Race week",
    ]
    assert "starts late: 3 sessions already passed" in titles[0]
    for weeks_out, week in zip((4, 3, 2, 1, 0), page.tree.week_titles(), strict=True):
        first, last = week_window(RACE, weeks_out)
        assert f"{day_text(first)} to {day_text(last)}" in week
    top = [page.tree.topLevelItem(i) for i in range(page.tree.topLevelItemCount())]
    by_week = {
        weeks_out: [item.child(c).text(0) for c in range(item.childCount())]  # type: ignore[union-attr]
        for weeks_out, item in zip((4, 3, 2, 1, 0), top, strict=True)
    }
    assert by_week[4] == ["Sun 22 Nov"]
    assert by_week[3] == ["Wed 25 Nov", "Fri 27 Nov", "Sun 29 Nov"]
    assert by_week[0] == ["Thu 17 Dec", "Sun 20 Dec"]  # the taper session, then race day
    race_week = top[-1]
    assert race_week is not None
    assert race_week.child(1).text(1) == "Race day"  # type: ignore[union-attr]
    # The plan's changes, in the runner's words.
    rows = {item.text(0): item.text(3) for item in page.tree.session_items()}
    assert rows["Sun 22 Nov"] == "as written"
    # The load is quoted (its first clause), never called "new": week 2 keeps week 3's.
    assert rows["Wed 25 Nov"] == (
        "Single-leg heel raise, towel under the toes: 4 sets of 10, load: 10RM"
    )
    assert rows["Wed 2 Dec"] == (
        "half the sets\nSingle-leg heel raise, towel under the toes: 2 sets of 10, "
        "load: The same 10RM backpack as last week"
    )
    assert not any("new load" in text for text in rows.values())
    assert rows["Thu 17 Dec"] == "half the sets"
    # The whole text of a change is one click away.
    page.tree.setCurrentItem(page.tree.session_items()[1])
    assert "(usually 3 sets of 12)" in page.detail.text() and "10RM" in page.detail.text()


def test_starting_three_weeks_out_shows_week_four_as_passed(
    qtbot: QtBot, store: HistoryStore
) -> None:
    today = date(2026, 11, 29)
    page = make_page(qtbot, store, today)
    page.select_plan(PF_PLAN)
    page.set_race_date(RACE)
    expected = plan_schedule(plan(PF_PLAN), RACE, today)
    assert page.tree.shown_sessions() == [(p.date, p.index) for p in expected]
    assert page.tree.shown_sessions()[0][0] == today
    titles = page.tree.week_titles()
    assert titles[0].startswith(week_title(4, "Load: 3 x 12RM"))
    assert "starts late: week 4 out has passed" in titles[0]
    week_four = page.tree.topLevelItem(0)
    assert week_four is not None and week_four.childCount() == 0
    assert "starts late: 2 sessions already passed" in titles[1]
    # The check of Tue 17 Nov and the five sessions from Wed 18 to Fri 27 Nov.
    assert "6 of the plan's 15 have passed" in page.schedule_title.text()


def test_dates_before_today_cannot_be_the_race(qtbot: QtBot, store: HistoryStore) -> None:
    page = make_page(qtbot, store, SUNDAY)
    assert page.calendar.minimumDate() == QDate(2026, 11, 22)
    page.set_race_date(SUNDAY - timedelta(days=3))
    assert page.race_date() >= SUNDAY


def test_the_first_guess_at_a_race_date_fits_the_whole_plan(
    qtbot: QtBot, store: HistoryStore
) -> None:
    page = make_page(qtbot, store, SUNDAY)
    page.select_plan(PF_PLAN)
    guess = default_race_date(plan(PF_PLAN), SUNDAY)
    assert page.race_date() == guess and guess.weekday() == 6
    assert len(page.tree.shown_sessions()) == sum(len(w.sessions) for w in plan(PF_PLAN).weeks)


def test_start_enrols_without_asking(
    qtbot: QtBot, store: HistoryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = answer(monkeypatch, QMessageBox.StandardButton.No)
    page = make_page(qtbot, store, SUNDAY)
    page.select_plan(PF_PLAN)
    page.set_race_date(RACE)
    assert page.enrol.text() == "Start this plan" and page.enrol.isEnabled()
    assert not page.stop.isEnabled()
    with qtbot.waitSignal(page.plan_changed, timeout=1000):
        qtbot.mouseClick(page.enrol, Qt.MouseButton.LeftButton)
    wait_loaded(qtbot, page)
    assert asked == []
    active = store.active_enrolment(as_of=SUNDAY)
    assert active is not None
    assert (active.plan_id, active.race_date, active.started_on) == (PF_PLAN, RACE, SUNDAY)
    assert "Plantar fasciitis crash course, 3-4 weeks" in page.active_label.text()
    assert "Sun 20 Dec 2026 (28 days to go)" in page.active_label.text()
    assert page.enrol.text() == "You are following this plan" and not page.enrol.isEnabled()
    assert page.stop.isEnabled()


def test_change_asks_first_and_keeps_the_old_plans_history(
    qtbot: QtBot, store: HistoryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.enrol(FEET_PLAN, date(2027, 1, 31), date(2026, 11, 2))
    page = make_page(qtbot, store, SUNDAY)
    assert page.selected_plan_id() == FEET_PLAN  # the active plan and its date come first
    assert page.race_date() == date(2027, 1, 31)
    page.select_plan(PF_PLAN)
    page.set_race_date(RACE)
    assert page.enrol.text() == "Change to this plan"
    asked = answer(monkeypatch, QMessageBox.StandardButton.No)
    qtbot.mouseClick(page.enrol, Qt.MouseButton.LeftButton)
    assert len(asked) == 1 and "Stronger feet" in asked[0] and "history" in asked[0]
    active = store.active_enrolment(as_of=SUNDAY)
    assert active is not None and active.plan_id == FEET_PLAN
    answer(monkeypatch, QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(page.plan_changed, timeout=1000):
        qtbot.mouseClick(page.enrol, Qt.MouseButton.LeftButton)
    wait_loaded(qtbot, page)
    active = store.active_enrolment(as_of=SUNDAY)
    assert active is not None and (active.plan_id, active.race_date) == (PF_PLAN, RACE)
    old, new = store.enrolments()
    assert (old.plan_id, old.ended_on) == (FEET_PLAN, SUNDAY) and new.ended_on is None


def test_a_new_race_date_for_the_same_plan_is_a_change(
    qtbot: QtBot, store: HistoryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.enrol(PF_PLAN, RACE, SUNDAY)
    page = make_page(qtbot, store, SUNDAY)
    page.set_race_date(RACE + timedelta(days=7))
    assert page.enrol.text() == "Change the race date"
    answer(monkeypatch, QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(page.plan_changed, timeout=5000):
        qtbot.mouseClick(page.enrol, Qt.MouseButton.LeftButton)
    active = store.active_enrolment(as_of=SUNDAY)
    assert active is not None and active.race_date == RACE + timedelta(days=7)


def test_stop_asks_then_stops(
    qtbot: QtBot, store: HistoryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.enrol(PF_PLAN, RACE, date(2026, 11, 16))
    page = make_page(qtbot, store, SUNDAY)
    assert page.stop.isEnabled()
    asked = answer(monkeypatch, QMessageBox.StandardButton.No)
    qtbot.mouseClick(page.stop, Qt.MouseButton.LeftButton)
    assert len(asked) == 1 and "history" in asked[0]
    assert store.active_enrolment(as_of=SUNDAY) is not None
    answer(monkeypatch, QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(page.plan_changed, timeout=1000):
        qtbot.mouseClick(page.stop, Qt.MouseButton.LeftButton)
    wait_loaded(qtbot, page)
    assert store.active_enrolment(as_of=SUNDAY) is None
    [stopped] = store.enrolments()
    assert stopped.ended_on == SUNDAY
    assert not page.stop.isEnabled()
    assert page.active_label.text().startswith("No plan yet")
    assert page.enrol.text() == "Start this plan"


def test_a_store_error_is_shown_not_raised(
    qtbot: QtBot, store: HistoryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = make_page(qtbot, store, SUNDAY)
    page.select_plan(PF_PLAN)
    page.set_race_date(RACE)

    def broken(*args: object) -> None:
        raise StoreError("the history is open read-only; nothing was saved.")

    # On the class: the page writes in a worker, on a connection of its own.
    monkeypatch.setattr(HistoryStore, "enrol", broken)
    qtbot.mouseClick(page.enrol, Qt.MouseButton.LeftButton)
    wait_loaded(qtbot, page)
    assert page.message.text() == "the history is open read-only; nothing was saved."
    assert store.active_enrolment() is None


def test_without_a_history_the_page_previews_but_cannot_start(qtbot: QtBot) -> None:
    page = make_page(qtbot, None, SUNDAY)
    page.select_plan(PF_PLAN)
    page.set_race_date(RACE)
    assert page.tree.shown_sessions()
    assert not page.enrol.isEnabled() and not page.stop.isEnabled()
    assert "could not be opened" in page.message.text()


def test_a_race_too_close_for_any_session_cannot_be_started(
    qtbot: QtBot, store: HistoryStore
) -> None:
    page = make_page(qtbot, store, date(2026, 12, 18))
    page.select_plan(PF_PLAN)
    page.set_race_date(RACE)
    assert page.tree.shown_sessions() == []
    assert page.schedule_title.text().startswith("No sessions of this plan are left")
    assert not page.enrol.isEnabled()


def test_the_page_at_1280_by_800(qtbot: QtBot, store: HistoryStore, tmp_path: Path) -> None:
    store.enrol(PF_PLAN, RACE, date(2026, 11, 16))
    page = make_page(qtbot, store, date(2026, 11, 29))
    qtbot.wait(20)
    image = page.grab()
    assert (image.width(), image.height()) == (1280, 800)
    assert image.save(str(tmp_path / "plan.png"))
    # Every row of the preview fits in the tree without a horizontal scroll bar.
    assert not page.tree.horizontalScrollBar().isVisible()


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    """Run circuit-timer with ``argv`` in the test's private home; its standard output."""
    capsys.readouterr()
    assert main(list(argv)) == 0, capsys.readouterr().err
    return capsys.readouterr().out


@pytest.mark.parametrize(
    ("today", "shown_today"),
    [
        (date(2026, 12, 2), "\u25b6 today"),  # Wed, 18 days out: a session today
        (date(2026, 11, 30), "\u25cb open until today"),  # Mon: Sunday's still counts
    ],
)
def test_following_lists_each_session_as_plan_status_does(
    qtbot: QtBot,
    capsys: pytest.CaptureFixture[str],
    private_home: Path,
    today: date,
    shown_today: str,
) -> None:
    cli(capsys, "plan", "start", PF_PLAN, "--race-date", RACE.isoformat(), "--as-of", "2026-11-16")
    # Wed 18 done; Fri 20 done the day after; Sun 22 missed; Wed 25 done; Fri 27 missed.
    for day in ("2026-11-18", "2026-11-21", "2026-11-25"):
        cli(capsys, "log", "pf-crash-course", "--date", day, "--as-of", day)
    status = json.loads(cli(capsys, "plan", "status", "--json", "--as-of", today.isoformat()))
    with HistoryStore.in_folder(private_home) as store:
        page = make_page(qtbot, store, today)
        assert page.following_shown()
        rows = page.tree.shown_progress()
        assert [(d.isoformat(), s) for d, s, _ in rows] == [
            (s["date"], s["status"]) for s in status["sessions"]
        ]
        # done, missed and upcoming as the command has them; today's (or yesterday's,
        # still open) session is named as such.
        words = {"done": "\u2713 done", "missed": "\u2717 missed", "upcoming": "upcoming"}
        for (day, plan_status, shown), item in zip(rows, page.tree.session_items(), strict=True):
            if plan_status == "upcoming" and day <= today:
                # On Wed 2 Dec, Tuesday's left-right check is still open too.
                still_open = "\u25b6 today" if day == today else "\u25cb open until today"
                assert shown == still_open and day >= today - timedelta(days=1)
            else:
                assert shown == words[plan_status]
            # Each session's dose: its minutes and the plan's changes.
            planned = next(p for p in plan_schedule(plan(PF_PLAN), RACE, date(2026, 11, 16))
                           if p.date == day)  # fmt: skip
            circuit = LIBRARY.circuit(planned.circuit_id)
            assert circuit is not None
            seconds = compile_timeline(apply_session(circuit, planned.session)).estimated_seconds
            assert item.text(2) == f"{minutes(seconds)} min"
            # Issue 14: the ladder's lines follow the changes (tests/ui/test_plan_ladder.py).
            changes = item.text(3).split("\nLadder: ")[0]
            assert changes == ("\n".join(change_lines(planned.session, circuit, full=False))
                               or "as written")  # fmt: skip
        assert [s for _, s, _ in rows].count("missed") == status["missed"] >= 2
        assert [s for _, s, _ in rows].count("done") == status["done"] == 3
        assert shown_today in [shown for _, _, shown in rows]
        title = page.schedule_title.text()
        assert (
            f"{status['done']} done, {status['missed']} missed, {status['upcoming']} upcoming"
            in title
        )
        # The race countdown, and no "if you start today" preview for the plan followed.
        assert f"({status['days_to_race']} days to go)" in page.active_label.text()
        assert "if you start" not in title
        assert not page.enrol.isVisible() and page.stop.isVisible()
        # Looking at another plan previews it as a change; Back returns to the runner's plan.
        qtbot.mouseClick(page.choose, Qt.MouseButton.LeftButton)
        assert page.chooser.isVisible()
        page.select_plan(FEET_PLAN)
        assert not page.following_shown()
        assert "if you change to this plan today" in page.schedule_title.text()
        assert page.enrol.isVisible() and page.enrol.text() == "Change to this plan"
        qtbot.mouseClick(page.back, Qt.MouseButton.LeftButton)
        assert page.following_shown() and not page.chooser.isVisible()
        assert [(d, s) for d, s, _ in page.tree.shown_progress()] == [(d, s) for d, s, _ in rows]


def test_a_narrow_page_puts_the_table_under_the_chooser(qtbot: QtBot, store: HistoryStore) -> None:
    page = make_page(qtbot, store, SUNDAY)  # no plan followed: the chooser shows
    page.select_plan(PF_PLAN)
    page.set_race_date(RACE)
    page.resize(650, 1100)  # the Plan page of an 800 x 600 window, scrolled by the window
    qtbot.waitUntil(lambda: page.tree.geometry().top() > page.chooser.geometry().bottom())
    assert page.tree.height() >= 300
    assert not page.tree.horizontalScrollBar().isVisible()
    page.resize(1280, 800)
    qtbot.waitUntil(lambda: page.tree.geometry().left() > page.chooser.geometry().right())


def test_a_german_locale_leaves_the_dates_in_english(qtbot: QtBot, store: HistoryStore) -> None:
    """The window's dates never come from the locale, even where Qt's would be German."""
    saved = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    try:
        assert QLocale().toString(QDate(2026, 12, 1), "ddd d MMM") != "Tue 1 Dec"
        store.enrol(PF_PLAN, RACE, date(2026, 11, 16))
        page = make_page(qtbot, store, date(2026, 11, 29))
        assert "Race on Sun 20 Dec 2026 (21 days to go)" in page.active_label.text()
        assert page.schedule_title.text().startswith("Your plan since Mon 16 Nov: ")
        assert [d for d, _, _ in page.tree.shown_progress()][1] == date(2026, 11, 18)
        assert [item.text(0) for item in page.tree.session_items()][:2] == [
            "Tue 17 Nov",
            "Wed 18 Nov",
        ]
    finally:
        QLocale.setDefault(saved)
