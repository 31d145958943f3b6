"""After a terminal workout: keep or leave out a workout with no completed set, and ask
for pain during and after when a keyboard is there.

Nothing is stored that the runner did not give: Enter skips a pain question and leaves it
empty (never 0), and a workout with no completed set stays out of the history unless the
runner says to keep it. Without a keyboard nothing is asked.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TextIO

from circuit_timer.core.pain import band_word
from circuit_timer.session.load_entry import Load, LoadPrompt
from circuit_timer.session.saving import end_line
from circuit_timer.session.workout import Workout
from circuit_timer.store import insights
from circuit_timer.store.errors import StoreError

Ask = Callable[[str], str | None]
# How long the end of a run waits for the history: a lock held elsewhere must not hold
# the runner (or a SIGTERM) for long; what is not written stays in the journal.
SETTLE_SECONDS = 1.0


def line_asker(keys: TextIO, out: TextIO) -> Ask:
    """Ask on ``out`` and read one line from ``keys``; None when input has ended."""

    def ask(prompt: str) -> str | None:
        try:
            out.write(prompt)
            out.flush()
            line = keys.readline()
        except (KeyboardInterrupt, OSError):  # Ctrl-C or a closed terminal: no answer
            out.write("\n")
            return None
        return line.strip() if line else None

    return ask


def ask_pain(ask: Ask, out: TextIO, when: str) -> int | None:
    """A 0-10 score for pain ``when`` ("during", "after"), or None when skipped."""
    while True:
        answer = ask(f"Pain {when} this session, 0-10 (Enter to skip): ")
        if not answer:
            return None
        if answer.isdigit() and 0 <= int(answer) <= 10:
            score = int(answer)
            out.write(f"  {score}/10: {band_word(score)}\n")
            return score
        out.write("  a whole number from 0 to 10, or Enter to skip\n")


def ask_load(ask: Ask, out: TextIO, prompt: LoadPrompt) -> Load | None:
    """The load used in the prompt's set, asked as one line: Enter keeps the prefill, a
    number (or bw) replaces it, ``-`` or no answer leaves the set without a load."""
    while True:
        answer = ask(prompt.line_prompt())
        if answer is None or answer == "-":
            return None
        prompt.typed = answer
        try:
            return prompt.chosen()
        except ValueError as exc:
            out.write(f"  {exc}\n")


def after_workout(workout: Workout, ask: Ask | None, out: TextIO, today: date) -> None:
    """Settle what a finished terminal workout leaves in the history.

    ``ask`` is None without a keyboard: then a workout with no completed set is left out,
    and no pain is asked. What is kept goes through the workout's journal and writer;
    waiting for it here (bounded) is after the workout, never in its key loop.
    """
    store = workout.store
    if store is None or not workout.finished:
        return
    if workout.session_uuid is None:
        if ask is not None:
            answer = ask("No set was completed. Keep this session in your history? [y/N] ")
            if answer is not None and answer.lower() in ("y", "yes"):
                workout.keep()
                workout.settle(SETTLE_SECONDS)
        if workout.session_uuid is None:
            out.write("Nothing saved: no set was completed.\n")
            return
    if ask is None:
        return
    during = ask_pain(ask, out, "during")
    after = ask_pain(ask, out, "after")
    if during is None and after is None:
        return
    workout.annotate(notes=None, pain_during=during, pain_after=after)
    if not workout.settle(SETTLE_SECONDS):
        out.write(
            "Pain kept safely: it will be written to your history with your sets, and the "
            "advice shown once it is.\n"
        )
        return
    try:
        _, advice = insights.pain(store, today)
    except StoreError as exc:
        out.write(f"circuit-timer: no advice: {exc}\n")
        return
    out.write(f"{advice.message}\n")


def saved_line(workout: Workout, title: str, status: str, *, written: bool) -> str:
    """The last line of a run: its status and the truth about its sets (``written``:
    everything of the workout is in the history)."""
    done = len(workout.sets_done)
    words = end_line(done, workout.sets_recorded, workout.sets_kept, all_written=written)
    return f"{title}: {status}, {words}"
