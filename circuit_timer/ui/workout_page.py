"""The workout screen, readable from two metres: the time left is the largest thing on it.

It only draws the engine's snapshot and forwards keys and buttons to the controller.
Font sizes follow the window's size, and long texts shrink to fit instead of clipping.
An open rep set (no clock: it ends when the runner says done) shows its rep count in the
countdown's place, and its elapsed time small and marked as elapsed, so it never reads as
a countdown. A paced set adds a band under the count that changes on every beat (UP and
DOWN for a test). An exercise's notes show in the get-ready, rest or switch before it,
cut to the room there is; `I` shows them in full at any time.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from circuit_timer.core.engine import Snapshot
from circuit_timer.core.events import (
    Countdown,
    Event,
    Finished,
    Halfway,
    SegmentStarted,
    SetCompleted,
    TempoPhase,
)
from circuit_timer.core.segment_words import is_open_set
from circuit_timer.core.timeline import Segment
from circuit_timer.ui import theme
from circuit_timer.ui.beat_band import BeatBand
from circuit_timer.ui.controller import WorkoutController
from circuit_timer.ui.finish_bar import FinishBar
from circuit_timer.ui.fitting import digit_pixel_size, fit, set_progress, set_style
from circuit_timer.ui.flash import Flash
from circuit_timer.ui.load_field import LoadField
from circuit_timer.ui.notes_panel import NotesArea, NotesPanel
from circuit_timer.ui.workout_keys import handle_key
from circuit_timer.ui.workout_text import (
    big_text,
    counter_texts,
    next_text,
    position_text,
    side_text,
)

FLASHING = (SegmentStarted, Countdown, Halfway, SetCompleted, Finished, TempoPhase)
# Share of the page height for each text.
SIZES = {"kind": 0.055, "name": 0.05, "side": 0.06, "reps": 0.06, "beat": 0.06,
         "notes": 0.032, "small": 0.028}  # fmt: skip
# The countdown's digits stand this share of the whole window's height (at least 1/4).
COUNTDOWN_SHARE = 0.27
# Room kept above and below them (the line box centres them to within a few pixels).
DIGITS_MARGIN = 16


class WorkoutPage(QWidget):
    """Draws one workout and turns keys and buttons into controller calls.

    Finish asks first (the finish bar); the workout goes on while it asks, so a set
    that ends meanwhile is recorded and the clock a runner trusts never stops by itself.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller: WorkoutController | None = None
        self.cues: dict[str, list[str]] = {}
        self.exercise_notes: dict[str, str] = {}
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.kind = self._label("kind", bold=True)
        self.kind.setAutoFillBackground(True)
        self.position = self._label("position")
        self.overall = QProgressBar()
        self.overall.setTextVisible(False)
        self.countdown = self._label("countdown", bold=True)
        self.beat = BeatBand()
        self.segment_bar = QProgressBar()
        self.segment_bar.setTextVisible(False)
        keep_room = self.segment_bar.sizePolicy()
        keep_room.setRetainSizeWhenHidden(True)  # hidden on open sets: nothing to fill
        self.segment_bar.setSizePolicy(keep_room)
        self.name = self._label("name", bold=True)
        self.side = self._label("side", bold=True)
        self.side.setAutoFillBackground(True)
        self.reps, self.tempo = self._label("reps", bold=True), self._label("tempo", bold=True)
        self.minus, self.plus = QPushButton("\u2212"), QPushButton("+")
        self.next_up = self._label("next")
        self.notes = NotesArea()
        self.cue_text = self._label("cues")
        self.notice = self._label("notice")
        self.load_field = LoadField(self)
        self.notice.setStyleSheet("color: #D55E00;")
        self.buttons = {
            "back": QPushButton("◀ Back"),
            "pause": QPushButton("Pause"),
            "done": QPushButton("Done ✓"),
            "skip": QPushButton("Skip ▶"),
            "notes": QPushButton("Notes (I)"),
            "finish": QPushButton("Finish"),
        }
        self.flash = Flash(self)
        self.finish_bar = FinishBar(self)
        self.finish_bar.keep_going.connect(self.setFocus)
        self.finish_bar.finish_confirmed.connect(self.request_finish)
        self.notes_panel = NotesPanel(self)
        self.notes_panel.closed.connect(self.setFocus)
        self._layout()
        self._wire_buttons()

    # -- building ----------------------------------------------------------------

    def _label(self, name: str, bold: bool = False) -> QLabel:
        label = QLabel()
        label.setObjectName(name)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        if bold:
            font = label.font()
            font.setBold(True)
            label.setFont(font)
        return label

    def _layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.kind, 3)
        top.addWidget(self.position, 2)
        middle = QHBoxLayout()
        middle.addWidget(self.name, 4)
        middle.addWidget(self.side, 1)
        counter = QHBoxLayout()
        counter.addWidget(self.minus)
        counter.addWidget(self.reps, 2)
        counter.addWidget(self.plus)
        counter.addWidget(self.tempo, 2)
        controls = QHBoxLayout()
        for button in self.buttons.values():
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            controls.addWidget(button)
        for button in (self.minus, self.plus):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        lower = QGridLayout()
        lower.setContentsMargins(0, 0, 0, 0)
        lower.addLayout(counter, 0, 0)
        lower.addWidget(self.next_up, 1, 0)
        lower.addWidget(self.notes, 0, 0, 2, 1)  # over both, shown only when they are empty
        lower.setRowStretch(0, 1)
        page = QVBoxLayout(self)
        page.addLayout(top)
        page.addWidget(self.overall)
        page.addWidget(self.countdown, 6)
        page.addWidget(self.beat)
        page.addWidget(self.segment_bar)
        page.addLayout(middle, 1)
        page.addLayout(lower, 1)
        page.addWidget(self.load_field)
        page.addWidget(self.cue_text)
        page.addWidget(self.notice)
        page.addLayout(controls)

    # -- wiring ------------------------------------------------------------------

    def _wire_buttons(self) -> None:
        # Wired once: each press goes to whichever workout is attached now.
        actions: dict[str, Callable[[WorkoutController], object]] = {
            "back": lambda c: c.back(),
            "pause": lambda c: c.toggle_pause(),
            "done": lambda c: c.done(),
            "skip": lambda c: c.skip(),
        }
        for key, action in actions.items():
            self.buttons[key].clicked.connect(lambda _=False, act=action: self._act(act))
        self.buttons["finish"].clicked.connect(self.ask_finish)
        self.buttons["notes"].clicked.connect(self.toggle_notes)
        self.minus.clicked.connect(lambda: self._act(lambda c: c.count_rep(-1)))
        self.plus.clicked.connect(lambda: self._act(lambda c: c.count_rep(+1)))

    def _act(self, action: Callable[[WorkoutController], object]) -> None:
        if self.controller is not None:
            action(self.controller)

    def attach(self, controller: WorkoutController, cues: dict[str, list[str]]) -> None:
        """Show ``controller``'s workout; ``cues`` are the coaching lines per exercise."""
        self.detach()
        self.controller = controller
        self.cues = cues
        self.exercise_notes = {
            ex.id: ex.notes
            for block in controller.workout.circuit.blocks
            for ex in block.exercises
            if ex.notes
        }
        self.finish_bar.hide()
        self.notes_panel.hide()
        controller.changed.connect(self.redraw)
        controller.happened.connect(self.on_event)
        self.load_field.attach(controller)
        self.redraw()

    def detach(self) -> None:
        """Let go of the workout shown: nothing on the page reaches its controller now."""
        if self.controller is not None:
            self.controller.changed.disconnect(self.redraw)
            self.controller.happened.disconnect(self.on_event)
            self.controller = None
            self.load_field.attach(None)

    @property
    def asking(self) -> bool:
        """Whether the finish question is open."""
        return self.finish_bar.isVisibleTo(self)

    def ask_finish(self) -> None:
        """Ask before finishing early (the Finish button and Esc); the clock runs on."""
        c = self.controller
        if c is None or c.workout.finished:
            return
        self.notes_panel.hide()  # one thing over the bottom rows at a time
        self.finish_bar.ask(len(c.sets))
        self._place_bar()

    def request_finish(self) -> None:
        """Finish early now (the runner confirmed): saved as partial if any set is done."""
        self.finish_bar.hide()
        if self.controller is not None:
            self.controller.finish_early()

    @property
    def reading(self) -> bool:
        """Whether the notes panel is open."""
        return self.notes_panel.isVisibleTo(self)

    def toggle_notes(self) -> None:
        """Show the current exercise's notes in full (the `I` key), or hide them."""
        if self.reading:
            self.notes_panel.close_panel()
            return
        c = self.controller
        if c is None or self.asking or not self.buttons["notes"].isEnabled():
            return
        self.notes_panel.show()
        self.notes_panel.raise_()
        self.redraw()

    @property
    def flashes(self) -> int:
        """How many cues the page has flashed."""
        return self.flash.count

    def on_event(self, event: Event) -> None:
        """Flash on each cue, so the change shows without sound."""
        if isinstance(event, FLASHING):
            self.flash.fire(short=isinstance(event, TempoPhase))

    # -- drawing -----------------------------------------------------------------

    def redraw(self) -> None:
        """Draw the current snapshot at sizes that follow the page's height."""
        if self.controller is None:
            return
        snap = self.controller.workout.snapshot()
        h = max(1, self.height())
        w = max(1, self.width() - 24)
        px = {key: int(h * share) for key, share in SIZES.items()}
        seg = snap.segment
        style = theme.FINISHED if snap.state == "finished" else theme.KINDS[seg.kind]
        word = style.word if snap.state != "paused" else f"PAUSED · {style.word}"
        fit(self.kind, word, px["kind"], int(w * 0.6))
        set_style(
            self.kind, f"background-color: {style.background}; color: {style.text}; padding: 4px;"
        )
        fit(self.position, position_text(seg), px["small"], int(w * 0.4))
        digits = self.window().height() * COUNTDOWN_SHARE
        countdown_px = digit_pixel_size(self.countdown.font(), digits)
        # Its font's line box is much taller than its digits: an explicit minimum lets the
        # layout cut it down to the digits, so the page never outgrows 800x600.
        if self.countdown.minimumHeight() != int(digits) + DIGITS_MARGIN:
            self.countdown.setMinimumHeight(int(digits) + DIGITS_MARGIN)
        fit(self.countdown, big_text(snap), countdown_px, w)
        set_progress(self.overall, snap.overall_progress)
        set_progress(self.segment_bar, snap.progress or 0.0)
        if self.segment_bar.isVisibleTo(self) != (snap.progress is not None):
            self.segment_bar.setVisible(snap.progress is not None)
        is_work = seg.kind in ("work", "hold")
        # In a pause the big line says what comes next; the badge shows its side.
        name = seg.name if is_work else next_text(snap.upcoming, side_shown=seg.side)
        fit(self.name, name, px["name"], int(w * 0.78))
        self._side(seg, px["side"], int(w * 0.2))
        self._counter(snap, px["reps"], int(w * 0.3))
        self.beat.show_beat(snap, px["beat"], w)
        fit(self.next_up, next_text(snap.upcoming) if is_work else "", px["small"], w)
        notes = self.exercise_notes.get(seg.exercise)
        cues = " · ".join(self.cues.get(seg.exercise, [])[:3])
        fit(self.cue_text, cues, px["small"], w)
        has_notes = bool(notes) and snap.state != "finished"
        if self.buttons["notes"].isEnabled() != has_notes:
            self.buttons["notes"].setEnabled(has_notes)
        self.notes.show_for(snap, notes, px["notes"])
        pause_text = "Resume" if snap.state == "paused" else "Pause"
        if self.buttons["pause"].text() != pause_text:
            self.buttons["pause"].setText(pause_text)
        self._size_buttons(px["small"])
        if self.asking:
            if snap.state == "finished":
                self.finish_bar.hide()  # it ended while asking: nothing left to finish
            else:
                self.finish_bar.update_sets(len(self.controller.sets))
                self._place_bar()
        if self.reading:
            if notes and snap.state != "finished":
                self.notes_panel.show_notes(seg.name, notes)
                # Over the rows below the rep count (in a pause from the empty counter
                # row), never over the count or the name.
                row = self.next_up if is_work else self.reps
                self.notes_panel.place(row.geometry().top(), int(px["small"] * 1.1))
            else:
                self.notes_panel.hide()  # on to an exercise without notes, or the end

    def _place_bar(self) -> None:
        """The finish bar over the rows from what comes next down (never the countdown)."""
        pixel_size = max(14, int(max(1, self.height()) * SIZES["small"]))
        self.finish_bar.place(self.next_up.geometry().top(), pixel_size)

    def _size_buttons(self, pixel_size: int) -> None:
        if self.property("button_size") == pixel_size:
            return
        self.setProperty("button_size", pixel_size)
        for button in self.buttons.values():
            font = button.font()
            font.setPixelSize(max(12, pixel_size))
            button.setFont(font)
            button.setMinimumHeight(int(pixel_size * 1.8))

    def _side(self, seg: Segment, pixel_size: int, width: int) -> None:
        text = side_text(seg)
        fit(self.side, text, pixel_size, width)
        if seg.side:
            background, colour = theme.SIDE_COLOURS[seg.side]
            set_style(self.side, f"background-color: {background}; color: {colour};")
        else:
            set_style(self.side, "")

    def _counter(self, snap: Snapshot, pixel_size: int, width: int) -> None:
        seg = snap.segment
        counting = seg.kind == "work" and seg.reps is not None
        if self.minus.isVisibleTo(self) != counting:
            self.minus.setVisible(counting)
            self.plus.setVisible(counting)
        if self.property("counter_size") != pixel_size:
            self.setProperty("counter_size", pixel_size)
            for button in (self.minus, self.plus):
                font = button.font()
                font.setPixelSize(max(14, pixel_size))
                button.setFont(font)
                button.setMinimumSize(int(pixel_size * 1.4), int(pixel_size * 1.3))
        by_hand = self.controller is not None and self.controller.counted_by_hand
        reps, phase = counter_texts(snap, by_hand)
        fit(self.reps, reps, pixel_size, width)
        # An open set's elapsed time is secondary: smaller than the words around it.
        secondary = is_open_set(snap.segment) and not snap.tempo_phase
        fit(self.tempo, phase, int(pixel_size * 0.75) if secondary else pixel_size, width)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """The workout's keys (ui/workout_keys.py); any other goes to the window."""
        if not (self.load_field.key(event.text()) or handle_key(self, event.key())):
            super().keyPressEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Sizes follow the window: from 800x600 to fullscreen 4K."""
        super().resizeEvent(event)
        self.flash.setGeometry(self.rect())
        self.redraw()  # places the notes panel too
        if self.asking:
            self._place_bar()

    def showEvent(self, event: QShowEvent) -> None:
        """Redraw only while visible."""
        if self.controller is not None:
            self.controller.set_visible(True)
        super().showEvent(event)

    def hideEvent(self, event: object) -> None:
        """Stop the redraw timer while hidden."""
        if self.controller is not None:
            self.controller.set_visible(False)
        super().hideEvent(event)  # type: ignore[arg-type]
