"""The workout screen, readable from two metres: the time left is the largest thing on it.

It only draws the engine's snapshot and forwards keys and buttons to the controller.
Font sizes follow the window's size, and long texts shrink to fit instead of clipping.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from circuit_timer.core.describe import clock as mmss
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
from circuit_timer.core.timeline import Segment
from circuit_timer.ui import theme
from circuit_timer.ui.controller import WorkoutController

FLASH_MS = 180
FLASHING = (SegmentStarted, Countdown, Halfway, SetCompleted, Finished, TempoPhase)
# Share of the page height for each text.
SIZES = {"kind": 0.055, "name": 0.05, "side": 0.06, "reps": 0.06, "small": 0.028}
# The countdown's digits stand this share of the whole window's height (at least 1/4).
COUNTDOWN_SHARE = 0.27
DIGITS = "0123456789:"


def digit_pixel_size(font: QFont, digits_height: float) -> int:
    """The pixel size at which ``font``'s digits are ``digits_height`` pixels tall."""
    probe = QFont(font)
    probe.setPixelSize(100)
    tall = QFontMetrics(probe).tightBoundingRect(DIGITS).height() or 72
    return max(10, int(digits_height * 100 / tall) + 1)


def fit(label: QLabel, text: str, pixel_size: int, width: int, minimum: int = 10) -> None:
    """Show ``text`` in ``label`` at ``pixel_size``, smaller if needed to fit ``width``.

    Redraws come 20 times a second: when nothing changed, nothing is touched.
    """
    wanted = (text, pixel_size, width, minimum)
    if label.property("fitted") == wanted:
        return
    label.setProperty("fitted", wanted)
    font = QFont(label.font())
    size = max(minimum, pixel_size)
    while True:
        font.setPixelSize(size)
        if size <= minimum or QFontMetrics(font).horizontalAdvance(text) <= width:
            break
        size = max(minimum, int(size * 0.92))
    label.setFont(font)
    label.setText(text)


def set_style(widget: QWidget, sheet: str) -> None:
    """Set a style sheet only when it changes (each set re-polishes the widget)."""
    if widget.styleSheet() != sheet:
        widget.setStyleSheet(sheet)


def set_progress(bar: QProgressBar, fraction: float) -> None:
    """Move a progress bar only by whole pixels: setValue repaints it every time."""
    steps = max(1, bar.width())
    if bar.maximum() != steps:
        bar.setMaximum(steps)
    value = int(fraction * steps)
    if bar.value() != value:
        bar.setValue(value)


def side_text(segment: Segment) -> str:
    """The side badge's word."""
    return segment.side.upper() if segment.side else ""


def next_text(segment: Segment | None) -> str:
    """'Next: Single-leg glute bridge, left, 12 reps'."""
    if segment is None:
        return "Next: finish"
    parts = [segment.name]
    if segment.side:
        parts.append(segment.side)
    if segment.kind == "hold":
        parts.append(f"{segment.reps} x {segment.seconds} s hold")
    elif segment.reps is not None:
        parts.append(f"{segment.reps} reps")
    elif segment.seconds is not None:
        parts.append(f"{segment.seconds} s")
    return "Next: " + ", ".join(parts)


class WorkoutPage(QWidget):
    """Draws one workout and turns keys and buttons into controller calls."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller: WorkoutController | None = None
        self.cues: dict[str, list[str]] = {}
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.kind = self._label("kind", bold=True)
        self.kind.setAutoFillBackground(True)
        self.position = self._label("position")
        self.overall = QProgressBar()
        self.overall.setTextVisible(False)
        self.countdown = self._label("countdown", bold=True)
        self.segment_bar = QProgressBar()
        self.segment_bar.setTextVisible(False)
        self.name = self._label("name", bold=True)
        self.side = self._label("side", bold=True)
        self.side.setAutoFillBackground(True)
        self.reps = self._label("reps", bold=True)
        self.tempo = self._label("tempo", bold=True)
        self.minus = QPushButton("\u2212")
        self.plus = QPushButton("+")
        self.next_up = self._label("next")
        self.cue_text = self._label("cues")
        self.notice = self._label("notice")
        self.notice.setStyleSheet("color: #D55E00;")
        self.buttons = {
            "back": QPushButton("◀ Back"),
            "pause": QPushButton("Pause"),
            "done": QPushButton("Done ✓"),
            "skip": QPushButton("Skip ▶"),
            "finish": QPushButton("Finish"),
        }
        self.flash = QFrame(self)
        self.flash.hide()
        self.flash.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self._flash_timer = QTimer(self)
        self._flash_timer.setSingleShot(True)
        self._flash_timer.timeout.connect(self.flash.hide)
        self.flashes = 0
        self._layout()

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
        page = QVBoxLayout(self)
        page.addLayout(top)
        page.addWidget(self.overall)
        page.addWidget(self.countdown, 6)
        page.addWidget(self.segment_bar)
        page.addLayout(middle, 1)
        page.addLayout(counter, 1)
        page.addWidget(self.next_up)
        page.addWidget(self.cue_text)
        page.addWidget(self.notice)
        page.addLayout(controls)

    # -- wiring ------------------------------------------------------------------

    def attach(self, controller: WorkoutController, cues: dict[str, list[str]]) -> None:
        """Show ``controller``'s workout; ``cues`` are the coaching lines per exercise."""
        self.controller = controller
        self.cues = cues
        controller.changed.connect(self.redraw)
        controller.happened.connect(self.on_event)
        actions = {
            "back": controller.back,
            "pause": controller.toggle_pause,
            "done": controller.done,
            "skip": controller.skip,
            "finish": self.request_finish,
        }
        for key, action in actions.items():
            self.buttons[key].clicked.connect(action)
        self.minus.clicked.connect(lambda: controller.count_rep(-1))
        self.plus.clicked.connect(lambda: controller.count_rep(+1))
        self.redraw()

    def request_finish(self) -> None:
        """Finish early (the main window asks for confirmation before calling this)."""
        if self.controller is not None:
            self.controller.finish_early()

    def on_event(self, event: Event) -> None:
        """Flash on each cue, so the change shows without sound."""
        if isinstance(event, FLASHING):
            self.flashes += 1
            c = theme.flash_colour()
            self.flash.setStyleSheet(
                f"background-color: rgba({c.red()}, {c.green()}, {c.blue()}, 110);"
            )
            self.flash.setGeometry(self.rect())
            self.flash.raise_()
            self.flash.show()
            self._flash_timer.start(FLASH_MS if not isinstance(event, TempoPhase) else 90)

    # -- drawing -----------------------------------------------------------------

    def redraw(self) -> None:
        """Draw the current snapshot at sizes that follow the page's height."""
        if self.controller is None:
            return
        snap = self.controller.workout.engine.snapshot()
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
        fit(self.position, self._position(seg), px["small"], int(w * 0.4))
        countdown_px = digit_pixel_size(
            self.countdown.font(), self.window().height() * COUNTDOWN_SHARE
        )
        fit(self.countdown, self._time(snap), countdown_px, w)
        set_progress(self.overall, snap.overall_progress)
        set_progress(self.segment_bar, snap.progress or 0.0)
        is_work = seg.kind in ("work", "hold")
        # In a pause the big line says what comes next; the badge shows its side.
        name = seg.name if is_work else next_text(snap.upcoming)
        fit(self.name, name, px["name"], int(w * 0.78))
        self._side(seg, px["side"], int(w * 0.2))
        self._counter(snap, px["reps"], int(w * 0.3))
        fit(self.next_up, next_text(snap.upcoming) if is_work else "", px["small"], w)
        cues = " · ".join(self.cues.get(seg.exercise, [])[:3])
        fit(self.cue_text, cues, px["small"], w)
        pause_text = "Resume" if snap.state == "paused" else "Pause"
        if self.buttons["pause"].text() != pause_text:
            self.buttons["pause"].setText(pause_text)
        self._size_buttons(px["small"])

    def _size_buttons(self, pixel_size: int) -> None:
        if self.property("button_size") == pixel_size:
            return
        self.setProperty("button_size", pixel_size)
        for button in self.buttons.values():
            font = button.font()
            font.setPixelSize(max(12, pixel_size))
            button.setFont(font)
            button.setMinimumHeight(int(pixel_size * 1.8))

    def _position(self, seg: Segment) -> str:
        parts = []
        if seg.sets > 1:
            parts.append(f"set {seg.set}/{seg.sets}")
        if seg.rounds > 1:
            parts.append(f"round {seg.round}/{seg.rounds}")
        if seg.kind == "hold":
            parts.append(f"hold {seg.rep}/{seg.reps}")
        return " · ".join(parts)

    def _time(self, snap: Snapshot) -> str:
        if snap.state == "finished":
            return "0:00"
        if snap.remaining is None:  # an open rep set counts up
            return mmss(snap.elapsed)
        # Round up: "0:01" until the very end, so the display never shows 0 early.
        return mmss(float(int(snap.remaining + 0.999)))

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
        fit(self.reps, f"{snap.reps} / {seg.reps} reps" if counting else "", pixel_size, width)
        phase = ""
        if snap.tempo_phase and seg.kind == "work" and seg.tempo is not None:
            phase = f"{snap.tempo_phase.upper()} · rep {snap.tempo_rep}"
        fit(self.tempo, phase, pixel_size, width)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Space pause, Enter done, Up/+ and Down/- reps, Right skip, Left back."""
        c = self.controller
        if c is None:
            super().keyPressEvent(event)
            return
        key = Qt.Key
        actions = {
            key.Key_Space: c.toggle_pause,
            key.Key_Return: c.done,
            key.Key_Enter: c.done,
            key.Key_Up: lambda: c.count_rep(+1),
            key.Key_Plus: lambda: c.count_rep(+1),
            key.Key_Equal: lambda: c.count_rep(+1),
            key.Key_Down: lambda: c.count_rep(-1),
            key.Key_Minus: lambda: c.count_rep(-1),
            key.Key_Right: c.skip,
            key.Key_Left: c.back,
        }
        action = actions.get(Qt.Key(event.key()))
        if action is None:
            super().keyPressEvent(event)
            return
        action()

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Sizes follow the window: from 800x600 to fullscreen 4K."""
        super().resizeEvent(event)
        self.flash.setGeometry(self.rect())
        self.redraw()

    def showEvent(self, event: object) -> None:
        """Redraw only while visible."""
        if self.controller is not None:
            self.controller.set_visible(True)
        super().showEvent(event)  # type: ignore[arg-type]

    def hideEvent(self, event: object) -> None:
        """Stop the redraw timer while hidden."""
        if self.controller is not None:
            self.controller.set_visible(False)
        super().hideEvent(event)  # type: ignore[arg-type]
