"""One workout in the window, from its start to the summary's last button."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import QWidget

from circuit_timer.core.clock import Clock
from circuit_timer.core.events import Event, Finished, Paused, Resumed
from circuit_timer.core.model import Circuit
from circuit_timer.session.saving import fault_line
from circuit_timer.session.sound import SoundCues
from circuit_timer.session.workout import Origin, Workout
from circuit_timer.store.history import HistoryStore
from circuit_timer.ui.controller import WorkoutController
from circuit_timer.ui.workout_page import WorkoutPage

HOLD_REASON = "Workout in progress"
# At a workout's end and on Save the window waits for the writer, but never longer than
# it takes to find the history stuck (its short busy timeout); at most this long.
SETTLE_SECONDS = 1.0
# The window closing: what the writer has not written by then stays in the journal.
EXIT_SECONDS = 1.0


class ScreenSaver(Protocol):
    """What a workout asks of the screen saver (ui/keep_awake.py's KeepAwake)."""

    def hold(self, reason: str = "") -> None: ...

    def release(self) -> None: ...


class Remote(Protocol):
    """A way to control the workout from outside the window (ui/mpris.py's MediaRemote)."""

    def publish(self) -> bool: ...

    def close(self) -> None: ...


# Makes a run's remote from its controller, the circuit's title and the window.
RemoteFactory = Callable[[WorkoutController, str, QWidget], Remote]


class WorkoutRun(QObject):
    """Runs one workout on the workout page, and owns everything the workout starts.

    The controller (its QTimers and the workout's cue thread) and the sound (its player
    and voice workers) are closed when the workout ends; the screen saver is held, and
    the remote (media controls on the bus) published, while it runs. The page is
    attached for the run and detached by ``close``, so a press on it reaches this
    workout's controller only. The window makes a fresh run per workout.

    The workout's records are written by its writer thread: while the history cannot
    be written, the page's notice says so in one line (``saving_changed`` brings the
    writer's news onto the GUI thread).

    Signals:
        ended(str): the workout finished, "completed" or "partial": show the summary.
        saving_changed(): what is saved changed (emitted from the writer's thread).
    """

    ended = Signal(str)
    saving_changed = Signal()

    def __init__(
        self,
        circuit: Circuit,
        origin: Origin,
        *,
        clock: Clock,
        store: HistoryStore | None,
        sound: SoundCues | None,
        keep_awake: ScreenSaver,
        page: WorkoutPage,
        remote: RemoteFactory | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.circuit = circuit
        self.origin = origin
        self.store = store
        self.sound = sound
        self.keep_awake = keep_awake
        self.page = page
        listeners = [sound.listener] if sound else []
        # No session until a set is done: a workout ended with none is kept only if asked.
        workout = Workout(
            circuit, clock, store, origin, cue_listeners=listeners, keep_empty=False,
            on_saving=self.saving_changed.emit,
        )  # fmt: skip
        self._sound_notice = (sound.notice if sound else None) or ""
        self._exiting = False
        self.saving_changed.connect(self._show_saving)
        if parent is not None:
            parent.installEventFilter(self)  # the window closing: see eventFilter
        self.controller = WorkoutController(workout, clock, self)
        self.controller.happened.connect(self._keep_awake)
        self.controller.happened.connect(self._sound_failed)
        self.controller.ended.connect(self._ended)
        cues = {ex.id: list(ex.cues) for block in circuit.blocks for ex in block.exercises}
        page.attach(self.controller, cues)
        page.notice.setText(self._sound_notice)
        # On the bus from the start to the end: a player with nothing to play is noise.
        self.remote = remote(self.controller, circuit.title, page.window()) if remote else None

    @property
    def workout(self) -> Workout:
        """The workout this run drives."""
        return self.controller.workout

    def start(self) -> None:
        """Start the clock (the page is on screen by now)."""
        self.keep_awake.hold(HOLD_REASON)
        self.controller.start()
        self.controller.set_visible(True)
        if self.remote is not None:
            self.remote.publish()

    def save(self, pain_after: int | None, pain_during: int | None, note: str) -> bool:
        """Keep the session with the runner's pain and note (None: not entered, never 0).
        Whether it is in the history now; if not, it is kept safely and written later."""
        if self.store is None:
            return False
        self.workout.keep()  # a workout with no completed set: the runner keeps it
        self.workout.annotate(notes=note or None, pain_during=pain_during, pain_after=pain_after)
        return self.workout.settle(SETTLE_SECONDS, until_fault=True)

    def saving_text(self) -> str:
        """The one line about saving while the history cannot be written, else ""."""
        return fault_line(self.workout.saving(), self.workout.journal_fault) or ""

    def discard(self) -> None:
        """A workout with no completed set, not kept: nothing of it stays in the history."""
        self.workout.discard()

    def close(self) -> None:
        """Done with this workout: stop what it started and give the page back. Its writer
        finishes in the background (or, the window closing, gets a moment; the journal
        keeps the rest for the next start)."""
        if self.page.controller is self.controller:
            self.page.detach()
        self._stop()
        self.workout.release(EXIT_SECONDS if self._exiting else None)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Notes that the window is closing, before it closes this run."""
        if event.type() == QEvent.Type.Close and watched is self.parent():
            self._exiting = True
        return False

    # -- internals ---------------------------------------------------------------

    def _keep_awake(self, event: Event) -> None:
        if isinstance(event, Paused | Finished):
            self.keep_awake.release()
        elif isinstance(event, Resumed):
            self.keep_awake.hold(HOLD_REASON)

    def _sound_failed(self, event: Event) -> None:
        # The device can fail mid-workout (unplugged headphones): the flashes go on, and
        # the line saying cues are visual only shows from the next event.
        if self.sound is None or self._sound_notice:
            return
        late = self.sound.current_notice()
        if late:
            self._sound_notice = late
            self._show_saving()

    def _ended(self, status: str) -> None:
        self._stop()
        # The summary says what is saved: give the writer its moment (it is quick, or
        # found stuck within its busy timeout), so "saved" is the truth, not a guess.
        self.workout.settle(SETTLE_SECONDS, until_fault=True)
        self.ended.emit(status)

    def _show_saving(self) -> None:
        if self.page.controller is not self.controller:
            return
        self.page.notice.setText(self.saving_text() or self._sound_notice)

    def _stop(self) -> None:
        self.keep_awake.release()
        if self.remote is not None:
            self.remote.close()
        self.controller.close()
        if self.sound is not None:
            # The last cue (the finish fanfare) has been handed over: it plays out.
            self.sound.close(wait=False)
            self.sound = None
