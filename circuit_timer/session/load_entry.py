"""The load used in a set, typed in the seconds after it, key by key while the rest runs
on (the terminal's status line, the window's load field), or as one line at the end.

Prefilled with the last load used for the exercise, but never stored unless the runner
says so: Enter keeps the prefill, a number replaces it, ``w`` is bodyweight, ``-`` leaves
the set without a load. A prompt that closes untouched (the next set started) stores
nothing; one closed with digits typed stores them.
"""

from __future__ import annotations

from typing import Literal

from circuit_timer.core.events import Event, SegmentStarted, SetCompleted
from circuit_timer.core.records import CompletedSet, checked_load_kg, load_words
from circuit_timer.session.workout import Workout
from circuit_timer.store.errors import StoreError

Load = tuple[float | None, bool]  # (kilograms, bodyweight)
KeyResult = Literal["typing", "enter", "clear"]

_DIGITS = "0123456789"
_BACKSPACE = ("\x7f", "\b")


def parse_typed(text: str) -> Load:
    """``"7.5"`` -> (7.5, False), ``"bw"`` -> (None, True); ValueError, one line."""
    text = text.strip().lower().replace(",", ".")
    if text in ("bw", "w", "bodyweight"):
        return None, True
    try:
        kg = float(text.removesuffix("kg").strip())
    except ValueError:
        raise ValueError(f"{text!r} is not kilograms (a number) or bw") from None
    return checked_load_kg(kg), False


class LoadPrompt:
    """One completed set's load being typed; ``last`` is the prefill (None: none yet)."""

    def __init__(self, done: CompletedSet, last: Load | None) -> None:
        self.done = done
        self.last = last
        self.typed = ""
        self.error: str | None = None

    def key(self, char: str) -> KeyResult | None:
        """Take one key; None when it is not the prompt's (the runner's own key)."""
        if char in _DIGITS or (char in ".," and "." not in self.typed):
            self.typed = ("" if self.typed == "bw" else self.typed) + ("." if char == "," else char)
        elif char in _BACKSPACE:
            self.typed = "" if self.typed == "bw" else self.typed[:-1]
        elif char == "w":
            self.typed = "bw"
        elif char in ("\n", "\r"):
            return "enter"
        elif char in ("-", "_"):
            return "clear"
        else:
            return None
        self.error = None
        return "typing"

    def chosen(self) -> Load | None:
        """What Enter stores: what was typed, else the prefill; ValueError if the typed
        text is no load."""
        if self.typed:
            return parse_typed(self.typed)
        return self.last

    def typed_load(self) -> Load | None:
        """What closing the prompt unconfirmed stores: a valid load typed, else nothing."""
        try:
            return parse_typed(self.typed) if self.typed else None
        except ValueError:
            return None

    def text(self) -> str:
        """The prompt on the status line: "Raise set 2 load [7.5 kg]: 8_"."""
        done = self.done
        side = f" {done.side}" if done.side else ""
        name = done.exercise_name or done.exercise_id
        last = load_words(*self.last) if self.last else None
        keeps = f" [{last}]" if last else ""
        hint = f" ({self.error})" if self.error else " (kg or w, - none)"
        return f"{name} set {done.set_number}{side} load{keeps}: {self.typed}_{hint}"

    def line_prompt(self) -> str:
        """The same question asked as one line (the last set, after the run)."""
        done = self.done
        side = f" {done.side}" if done.side else ""
        name = done.exercise_name or done.exercise_id
        last = load_words(*self.last) if self.last else None
        keep = f"Enter for {last}" if last else "Enter for none"
        return f"Load used in {name}, set {done.set_number}{side} (kg or bw; {keep}, - none): "


class LoadEntry:
    """The load prompts of one terminal workout, for the sets of ``exercise_ids`` (none:
    nothing is ever asked). ``prompt`` is the one open now, if any."""

    def __init__(self, workout: Workout, exercise_ids: set[str]) -> None:
        self.workout = workout
        self.exercise_ids = exercise_ids
        self.last_loads: dict[str, Load] = {}
        self.prompt: LoadPrompt | None = None

    def read_last_loads(self) -> None:
        """The prefills, read once before the clock starts (a locked history: none)."""
        store = self.workout.store
        if store is None:
            return
        for exercise_id in sorted(self.exercise_ids):
            try:
                last = store.last_load(exercise_id)
            except StoreError:
                return
            if last is not None:
                self.last_loads[exercise_id] = last

    def follow(self, events: list[Event]) -> None:
        """A loaded set done opens the prompt; the next work (or set) closes it."""
        for event in events:
            if isinstance(event, SetCompleted) and event.done.exercise_id in self.exercise_ids:
                self.close()
                last = self.last_loads.get(event.done.exercise_id)
                self.prompt = LoadPrompt(event.done, last)
            elif isinstance(event, SegmentStarted) and event.segment.kind in ("work", "hold"):
                self.close()

    def close(self) -> None:
        """Close the prompt unconfirmed: digits typed are kept, a prefill alone is not."""
        if self.prompt is not None:
            self.store(self.prompt.typed_load())

    def key(self, char: str) -> bool:
        """Give ``char`` to the open prompt; whether it took it."""
        if self.prompt is None:
            return False
        result = self.prompt.key(char)
        if result == "clear":
            self.store(None)
        elif result == "enter":
            try:
                self.store(self.prompt.chosen())
            except ValueError as exc:
                self.prompt.error = str(exc)
        return result is not None

    def store(self, load: Load | None) -> None:
        """Record ``load`` on the prompt's set (None: nothing) and close the prompt."""
        if self.prompt is None:
            return
        done, self.prompt = self.prompt.done, None
        if load is None:
            return
        self.workout.set_load(done, *load)
        self.last_loads[done.exercise_id] = load
