"""After a terminal workout: an empty workout kept only when asked, pain only as given."""

from __future__ import annotations

import io
import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from circuit_timer.core.clock import FakeClock
from circuit_timer.core.model import Circuit
from circuit_timer.core.pain import LIGHTER, band_word
from circuit_timer.session.workout import Workout
from circuit_timer.store.history import HistoryStore
from circuit_timer.terminal.summary import after_workout, saved_line

ONE_SET = Circuit.model_validate(
    {
        "id": "one-set",
        "title": "One set",
        "defaults": {"prepare": 5},
        "blocks": [{"exercises": [{"id": "bridge", "name": "Bridge", "reps": 10}]}],
    }
)
TODAY = date(2026, 11, 30)


def answers(*lines: str | None) -> tuple[list[str], object]:
    asked: list[str] = []
    given: Iterator[str | None] = iter(lines)

    def ask(prompt: str) -> str | None:
        asked.append(prompt)
        return next(given)

    return asked, ask


RUNNING: list[Workout] = []


@pytest.fixture(autouse=True)
def _release_writers() -> Iterator[None]:
    yield
    while RUNNING:
        RUNNING.pop().release(5)


def finished(store: HistoryStore, *, with_set: bool) -> Workout:
    workout = Workout(ONE_SET, FakeClock(), store, keep_empty=False)
    RUNNING.append(workout)
    workout.start()
    workout.done()  # the prepare
    if with_set:
        workout.done()  # the open set, at its target
    else:
        workout.finish_early()
    assert workout.finished
    return workout


def test_without_a_keyboard_an_empty_workout_is_left_out_and_nothing_is_asked(
    private_home: Path,
) -> None:
    out = io.StringIO()
    with HistoryStore.in_folder(private_home) as store:
        after_workout(finished(store, with_set=False), None, out, TODAY)
        assert store.sessions() == []
    assert out.getvalue() == "Nothing saved: no set was completed.\n"


def test_an_empty_workout_is_kept_on_yes_and_left_out_on_anything_else(
    private_home: Path,
) -> None:
    out = io.StringIO()
    with HistoryStore.in_folder(private_home) as store:
        asked, ask = answers("")
        after_workout(finished(store, with_set=False), ask, out, TODAY)  # type: ignore[arg-type]
        assert store.sessions() == [] and len(asked) == 1
        asked, ask = answers("y", None, None)
        after_workout(finished(store, with_set=False), ask, out, TODAY)  # type: ignore[arg-type]
        [session] = store.sessions()
        assert session.status == "partial" and store.sets() == []
        assert session.pain_during is None and session.pain_after is None


def test_pain_is_stored_only_as_given_and_the_advice_follows(private_home: Path) -> None:
    out = io.StringIO()
    with HistoryStore.in_folder(private_home) as store:
        asked, ask = answers("", "seven", "7")
        after_workout(finished(store, with_set=True), ask, out, TODAY)  # type: ignore[arg-type]
        [session] = store.sessions()
        assert (session.pain_during, session.pain_after) == (None, 7)
    assert [a.split(",")[0] for a in asked] == [
        "Pain during this session",
        "Pain after this session",
        "Pain after this session",
    ]
    text = out.getvalue()
    assert "a whole number from 0 to 10, or Enter to skip" in text
    assert "7/10: too much" in text
    assert text.rstrip().endswith(LIGHTER)  # the pain-monitoring advice, as `pain --trend`


def test_without_a_keyboard_no_pain_is_recorded(private_home: Path) -> None:
    with HistoryStore.in_folder(private_home) as store:
        workout = finished(store, with_set=True)
        after_workout(workout, None, io.StringIO(), TODAY)
        assert workout.release(5)  # as `run` does at its end
        [session] = store.sessions()
        assert (session.pain_during, session.pain_after) == (None, None)


def test_the_bands_of_the_pain_monitoring_rule() -> None:
    assert [band_word(n) for n in (0, 3, 4, 5, 6, 10)] == [
        "safe", "safe", "acceptable", "acceptable", "too much", "too much",
    ]  # fmt: skip


def test_pain_the_locked_history_cannot_take_yet_is_kept_and_written_later(
    private_home: Path,
) -> None:
    # Before the journal, sets the history could not take were lost and no pain was
    # asked; now both are kept and written once the lock goes.
    out = io.StringIO()
    with HistoryStore.in_folder(private_home) as store:
        locker = sqlite3.connect(store.path, isolation_level=None)
        locker.execute("BEGIN EXCLUSIVE")
        workout = finished(store, with_set=True)
        asked, ask = answers("2", "3")
        after_workout(workout, ask, out, TODAY)  # type: ignore[arg-type]
        assert len(asked) == 2 and "Pain kept safely" in out.getvalue()
        assert workout.sets_recorded == 0 and workout.sets_kept == 1
        line = saved_line(workout, "One set", "completed", written=False)
        assert line == (
            "One set: completed, 1 set kept safely; it will be written to your history "
            "at the next start."
        )
        locker.execute("COMMIT")
        locker.close()
        assert workout.release(5)
        [session] = store.sessions()
        assert (session.status, session.pain_during, session.pain_after) == ("completed", 2, 3)
        assert len(store.sets()) == 1
        assert saved_line(workout, "One set", "completed", written=True) == (
            "One set: completed, 1 set saved to your history."
        )
