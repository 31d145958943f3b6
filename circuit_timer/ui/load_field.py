"""The workout page's load field: after a set of an exercise with a load, the load used,
typed during the rest that follows (the clock runs on).

Prefilled with the last load used for that exercise, but stored only when the runner
says so: Enter keeps the prefill, digits change it (kg), W is bodyweight, minus leaves
the set without a load; untouched when the next set starts, nothing is stored. The rules
are session/load_entry.py's, the same as the terminal's.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from circuit_timer.core.events import Event
from circuit_timer.core.records import load_words
from circuit_timer.session.load_entry import LoadEntry, LoadPrompt
from circuit_timer.ui.controller import WorkoutController
from circuit_timer.ui.fitting import fit, set_style

# Share of the page's height for the field's text, as the page's small texts.
SHARE = 0.034
STYLE = "background-color: #FFF3C4; color: #1A1A1A; border-radius: 6px; padding: 4px 10px;"


def field_text(prompt: LoadPrompt) -> str:
    """ "Split squat, set 2: load used 7.5_ kg (last 5 kg) · Enter keeps · W bodyweight ·
    minus none"."""
    done = prompt.done
    side = f" {done.side}" if done.side else ""
    name = done.exercise_name or done.exercise_id
    if prompt.typed == "bw":
        value = "bodyweight_"
    elif prompt.typed:
        value = f"{prompt.typed}_ kg"
    else:
        value = f"{load_words(*prompt.last)}?" if prompt.last else "_ kg"
    last = f" (last {load_words(*prompt.last)})" if prompt.last and prompt.typed else ""
    keys = prompt.error or "Enter keeps · type kg · W bodyweight · \u2212 none"
    return f"{name}, set {done.set_number}{side}: load used {value}{last} \u00b7 {keys}"


class LoadField(QLabel):
    """Shown only while the load of the set just done can be typed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("loadField")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        set_style(self, STYLE)
        self.entry: LoadEntry | None = None
        self._controller: WorkoutController | None = None
        self.hide()

    def attach(self, controller: WorkoutController | None) -> None:
        """Follow ``controller``'s workout (None: none); the last loads are read now,
        before its clock starts (an indexed read of a few rows)."""
        if self._controller is not None:
            self._controller.happened.disconnect(self._follow)
            self._controller.changed.disconnect(self.refresh)
        self._controller = controller
        self.entry = None
        if controller is not None:
            workout = controller.workout
            blocks = workout.circuit.blocks
            loaded = {ex.id for block in blocks for ex in block.exercises if ex.load}
            self.entry = LoadEntry(workout, loaded if workout.store is not None else set())
            self.entry.read_last_loads()
            controller.happened.connect(self._follow)
            controller.changed.connect(self.refresh)
        self.refresh()

    def key(self, text: str) -> bool:
        """Give a typed key to the open field; whether it took it."""
        if self.entry is None or not self.entry.key(text):
            return False
        self.refresh()
        return True

    def refresh(self) -> None:
        """Show the open prompt, sized to the page; hide when none is open."""
        prompt = self.entry.prompt if self.entry is not None else None
        if prompt is None:
            if self.isVisibleTo(self.parentWidget() or self):
                self.hide()
            return
        page = self.parentWidget() or self
        width = max(1, page.width() - 24)
        fit(self, field_text(prompt), int(max(1, page.height()) * SHARE), width)
        if not self.isVisibleTo(page):
            self.show()

    def _follow(self, event: Event) -> None:
        if self.entry is not None:
            self.entry.follow([event])
