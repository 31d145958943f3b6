"""One workout in the window, from its start to the summary's last button."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QObject, Signal

from circuit_timer.core.clock import Clock
from circuit_timer.core.events import Event, Finished, Paused, Resumed
from circuit_timer.core.model import Circuit
from circuit_timer.session.sound import SoundCues
from circuit_timer.session.workout import Origin, Workout
from circuit_timer.store.history import HistoryStore
from circuit_timer.ui.controller import WorkoutController
from circuit_timer.ui.workout_page import WorkoutPage

HOLD_REASON = "Workout in progress"


class ScreenSaver(Protocol):
    """What a workout asks of the screen saver (ui/keep_awake.py's KeepAwake)."""

    def hold(self, reason: str = "") -> None: ...

    def release(self) -> None: ...


class WorkoutRun(QObject):
    """Runs one workout on the workout page, and owns everything the workout starts.

    The controller (its QTimers and the workout's cue thread) and the sound (its player
    and voice workers) are closed when the workout ends; the screen saver is held while
    it runs. The page is attached for the run and detached by ``close``, so a press on it
    reaches this workout's controller only. The window makes a fresh run per workout.

    Signals:
        ended(str): the workout finished, "completed" or "partial": show the summary.
    """

    ended = Signal(str)

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
        workout = Workout(circuit, clock, store, origin, cue_listeners=listeners, keep_empty=False)
        self.controller = WorkoutController(workout, clock, self)
        self.controller.happened.connect(self._keep_awake)
        self.controller.ended.connect(self._ended)
        cues = {ex.id: list(ex.cues) for block in circuit.blocks for ex in block.exercises}
        page.attach(self.controller, cues)
        page.notice.setText((sound.notice if sound else None) or "")

    @property
    def workout(self) -> Workout:
        """The workout this run drives."""
        return self.controller.workout

    def start(self) -> None:
        """Start the clock (the page is on screen by now)."""
        self.keep_awake.hold(HOLD_REASON)
        self.controller.start()
        self.controller.set_visible(True)

    def save(self, pain_after: int | None, pain_during: int | None, note: str) -> None:
        """Keep the session with the runner's pain and note (None: not entered, never 0).
        Raises StoreError when it cannot be saved."""
        if self.store is None:
            return
        self.workout.keep()  # a workout with no completed set: the runner keeps it
        if self.workout.session_uuid:
            self.store.update_session(
                self.workout.session_uuid,
                notes=note or None,
                pain_during=pain_during,
                pain_after=pain_after,
            )

    def discard(self) -> None:
        """A workout with no completed set, not kept: nothing of it stays in the history."""
        self.workout.discard()

    def close(self) -> None:
        """Done with this workout: stop what it started and give the page back."""
        if self.page.controller is self.controller:
            self.page.detach()
        self._stop()

    # -- internals ---------------------------------------------------------------

    def _keep_awake(self, event: Event) -> None:
        if isinstance(event, Paused | Finished):
            self.keep_awake.release()
        elif isinstance(event, Resumed):
            self.keep_awake.hold(HOLD_REASON)

    def _ended(self, status: str) -> None:
        self._stop()
        self.ended.emit(status)

    def _stop(self) -> None:
        self.keep_awake.release()
        self.controller.close()
        if self.sound is not None:
            # The last cue (the finish fanfare) has been handed over: it plays out.
            self.sound.close(wait=False)
            self.sound = None
