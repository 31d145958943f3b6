"""The load used in a set, typed after it (the terminal, the window): keys, the prefill, what is
stored (only what the runner confirmed or typed) and what is not."""

from __future__ import annotations

from pathlib import Path

import pytest

from circuit_timer.core.clock import FakeClock
from circuit_timer.core.records import CompletedSet
from circuit_timer.session.load_entry import LoadEntry, LoadPrompt, parse_typed
from circuit_timer.session.workout import Workout
from circuit_timer.store.history import HistoryStore
from tests.sample_circuits import circuit

LOADED = circuit("""
    title: Loaded
    defaults: {prepare: 0, rest: 30}
    blocks:
      - exercises:
          - {id: squat, name: Split squat, reps: 3, sets: 3, load: a backpack}
""")
DONE = CompletedSet(block=0, round=1, exercise_id="squat", exercise_name="Split squat",
                    set_number=2, side=None, reps_target=3, reps_done=3, seconds=9.0)  # fmt: skip


def type_keys(prompt: LoadPrompt, keys: str) -> list[str | None]:
    return [prompt.key(char) for char in keys]


def test_keys_type_kilograms_bodyweight_and_leave_the_runner_s_keys_alone() -> None:
    prompt = LoadPrompt(DONE, (5.0, False))
    assert prompt.text() == "Split squat set 2 load [5 kg]: _ (kg or w, - none)"
    assert type_keys(prompt, "12,55\x7f") == ["typing"] * 6
    assert prompt.typed == "12.5" and prompt.chosen() == (12.5, False)
    assert type_keys(prompt, "w") == ["typing"] and prompt.chosen() == (None, True)
    assert type_keys(prompt, "\x7f8") == ["typing", "typing"] and prompt.typed == "8"
    assert type_keys(prompt, " qsb+\r-") == [None, None, None, None, None, "enter", "clear"]


def test_enter_keeps_the_prefill_and_an_untouched_prompt_gives_nothing() -> None:
    prompt = LoadPrompt(DONE, (None, True))
    assert prompt.chosen() == (None, True) and prompt.typed_load() is None
    assert LoadPrompt(DONE, None).chosen() is None
    prompt.typed = "400"
    assert prompt.typed_load() is None
    with pytest.raises(ValueError, match="at most 300 kg, not 400"):
        prompt.chosen()


@pytest.mark.parametrize(
    ("text", "load"), [("7.5", (7.5, False)), ("7,46", (7.5, False)), ("bw", (None, True)),
                       ("20kg", (20.0, False))],
)  # fmt: skip
def test_parse_typed(text: str, load: tuple[float | None, bool]) -> None:
    assert parse_typed(text) == load


def test_a_prompt_stores_only_what_the_runner_confirmed_or_typed(private_home: Path) -> None:
    with HistoryStore.in_folder(private_home) as store:
        uid = store.start_session("loaded")
        store.record_set(uid, CompletedSet(
            block=0, round=1, exercise_id="squat", set_number=1, side=None, reps_target=3,
            reps_done=3, seconds=9.0, load_kg=5.0))  # fmt: skip
        store.finish_session(uid, "completed")
        workout = Workout(LOADED, FakeClock(), store)
        entry = LoadEntry(workout, {"squat"})
        entry.read_last_loads()
        assert entry.last_loads == {"squat": (5.0, False)}
        entry.follow(workout.start())
        entry.follow(workout.done())  # set 1: prompt open, untouched
        assert entry.prompt is not None and entry.prompt.last == (5.0, False)
        entry.follow(workout.done())  # the rest ends: nothing was confirmed
        assert entry.prompt is None
        entry.follow(workout.done())  # set 2: Enter keeps the prefill
        assert entry.key("\r") and entry.prompt is None
        entry.follow(workout.done())
        entry.follow(workout.done())  # set 3: digits typed, closed by the workout's end
        assert entry.key("9") and not entry.key("q")
        entry.close()
        assert workout.settle(5)
        loads = [(s.set_number, s.load_kg) for s in store.sets(session_uuid=workout.session_uuid)]
        assert loads == [(1, None), (2, 5.0), (3, 9.0)]
        assert entry.last_loads["squat"] == (9.0, False)
        workout.release(5)
