"""Hands-free from across the room: the running workout as an MPRIS 2 media player.

Headphone buttons, a keyboard's media keys when the window is not focused and the
desktop's media controls (GNOME, KDE, playerctl) reach the workout through the session
bus: PlayPause, Play and Pause pause and resume; Next marks a rep set done, or goes on
to the next segment (as Page Down does); Previous goes back; Stop only pauses (finishing
early asks first, in the window). MPRIS has no "mark done", so our own interface
``io.github.circuit_timer.Workout`` (same object) has ``Done()`` (Enter) and ``Skip()``
(Right). The metadata is the segment: title the exercise and its side, album the
circuit, artist and comment the time left ("0:23 left"), length its time (in
microseconds, int64: ui/mpris_bus.py).

The player is on the bus only while a workout runs (from its start to its end or close):
with no workout there is nothing to control, and a desktop shows no stale player.
Service ``org.mpris.MediaPlayer2.circuit_timer`` (``.instance<pid>`` when a second
window holds it), object ``/org/mpris/MediaPlayer2``. PropertiesChanged goes out when
the state or the segment changes, and at most once a second for the countdown.

Nothing here raises for want of a session bus: it says so once in the log and the
workout goes on. QtDBus is imported at the first publish (ui/mpris_bus.py).
"""

from __future__ import annotations

import logging
import os
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QWidget

from circuit_timer.core.describe import clock as mmss
from circuit_timer.core.segment_words import KIND_WORDS

if TYPE_CHECKING:
    # The app passes ``media_remote`` to its window at start: the engine's imports (the
    # models, pydantic) and QtDBus wait for the first workout.
    from PySide6.QtDBus import QDBusConnection

    from circuit_timer.core.engine import Snapshot
    from circuit_timer.ui.controller import WorkoutController
    from circuit_timer.ui.mpris_bus import MprisObject

log = logging.getLogger(__name__)

SERVICE = "org.mpris.MediaPlayer2.circuit_timer"
IDENTITY = "circuit-timer"
DESKTOP_ENTRY = "circuit-timer"
TRACK_PATH = "/io/github/circuit_timer/segment/"
# How often the countdown is looked at: a changed second goes out within this.
POLL_MS = 200
STATUS = {"running": "Playing", "paused": "Paused"}  # ready, finished: Stopped

_said_no_bus = False


def media_remote(controller: WorkoutController, circuit: str, window: QWidget) -> MediaRemote:
    """The workout's player on the session bus (what the window starts with each run)."""
    # A child of the controller, so it goes with its run, on the GUI thread. Without a
    # parent, its bus object (which points back at it) makes a cycle that only Python's
    # garbage collector frees, on whatever thread collects: its poll timer with it.
    return MediaRemote(controller, circuit, window, parent=controller)


def time_words(snap: Snapshot) -> str:
    """The time as the screen has it: "0:23 left", an open set's "+0:12", "finished"."""
    if snap.state == "finished":
        return "finished"
    if snap.remaining is None:
        return f"+{mmss(snap.elapsed)} · {snap.reps}/{snap.segment.reps} reps"
    # Rounded up as the countdown is: never 0:00 while time is left.
    words = f"{mmss(float(int(snap.remaining + 0.999)))} left"
    return f"paused · {words}" if snap.state == "paused" else words


def title(snap: Snapshot) -> str:
    """ "Towel heel raise · left"; a rest, get-ready or switch says what it leads to."""
    seg = snap.segment
    name = f"{seg.name} · {seg.side}" if seg.side else seg.name
    if seg.kind in ("work", "hold"):
        return name
    return f"{KIND_WORDS[seg.kind].capitalize()}, then {name}"


def metadata(snap: Snapshot, circuit: str) -> dict[str, object]:
    """The MPRIS metadata of the segment on now."""
    from PySide6.QtDBus import QDBusObjectPath

    words = time_words(snap)
    data: dict[str, object] = {
        "mpris:trackid": QDBusObjectPath(f"{TRACK_PATH}{snap.index}"),
        "xesam:title": title(snap),
        "xesam:album": circuit,
        "xesam:artist": [words],
        "xesam:comment": [words],
    }
    if snap.segment.seconds is not None:
        data["mpris:length"] = snap.segment.seconds * 1_000_000
    return data


class MediaRemote(QObject):
    """The workout of ``controller`` as an MPRIS 2 player (see the module docstring).

    ``window`` is raised by Raise; ``connection`` is the bus (the session bus if None).
    """

    def __init__(
        self,
        controller: WorkoutController,
        circuit: str,
        window: QWidget | None = None,
        connection: QDBusConnection | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.circuit = circuit
        self.window = window
        self.connection = connection
        self.service: str | None = None
        self.sent = 0  # PropertiesChanged signals sent
        self._object: MprisObject | None = None
        # What the desktop was last told, per interface (only what changes is sent).
        self._last: dict[str, dict[str, object]] = {}
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self.refresh)

    # -- on and off the bus ---------------------------------------------------------

    def publish(self) -> bool:
        """Go on the bus; whether the player is there now (False: no bus, logged once)."""
        if self.service is not None:
            return True
        try:
            from PySide6.QtDBus import QDBusConnection

            from circuit_timer.ui.mpris_bus import PATH, MprisObject

            bus = self.connection or QDBusConnection.sessionBus()
            if not bus.isConnected():
                _no_bus(bus.lastError().message() or "not connected")
                return False
            self._object = MprisObject(self, self)
            if not bus.registerVirtualObject(PATH, self._object):
                log.warning("media controls: %s is taken on the bus", PATH)
                return False
            for name in (SERVICE, f"{SERVICE}.instance{os.getpid()}"):
                if bus.registerService(name):
                    self.connection, self.service = bus, name
                    break
            else:
                bus.unregisterObject(PATH)
                log.warning("media controls: no MPRIS name free on the bus")
                return False
        except Exception:  # a broken bus never stops a workout
            log.warning("media controls: could not go on the bus", exc_info=True)
            return False
        self._last = {}
        self.controller.changed.connect(self.refresh)
        self._poll.start()
        self.refresh()
        return True

    def close(self) -> None:
        """Off the bus (the workout ended or is closed); safe to call more than once."""
        self._poll.stop()
        if self.service is None or self.connection is None:
            return
        from circuit_timer.ui.mpris_bus import PATH

        self.controller.changed.disconnect(self.refresh)
        self.connection.unregisterService(self.service)
        self.connection.unregisterObject(PATH)
        self.service = None

    # -- what the bus object asks (mpris_bus.Player) ---------------------------------

    def properties(self, interface: str) -> dict[str, object]:
        """The values of ``interface``'s properties now."""
        from circuit_timer.ui.mpris_bus import PLAYER, ROOT

        if interface == ROOT:
            return {
                "CanQuit": False, "CanRaise": self.window is not None, "HasTrackList": False,
                "Identity": IDENTITY, "DesktopEntry": DESKTOP_ENTRY,
                "SupportedUriSchemes": [], "SupportedMimeTypes": [],
            }  # fmt: skip
        if interface != PLAYER:
            return {}  # the Workout interface has methods only
        snap = self.controller.workout.snapshot()
        on = snap.state in ("running", "paused")
        return {
            "PlaybackStatus": STATUS.get(snap.state, "Stopped"),
            "Rate": 1.0, "MinimumRate": 1.0, "MaximumRate": 1.0, "Volume": 1.0,
            "Metadata": metadata(snap, self.circuit),
            "Position": int(snap.elapsed * 1_000_000),
            "CanGoNext": on, "CanGoPrevious": on, "CanPlay": on, "CanPause": on,
            "CanSeek": False, "CanControl": True,
        }  # fmt: skip

    def invoke(self, interface: str, method: str) -> None:
        """Do what a method call asks; the workout's own rules decide the rest."""
        c = self.controller
        acts = {
            "PlayPause": c.toggle_pause, "Play": c.resume, "Pause": c.pause,
            "Stop": c.pause, "Next": c.done_or_next, "Previous": c.back,
            "Done": c.done, "Skip": c.skip, "Raise": self._raise,
        }  # fmt: skip
        act = acts.get(method)  # Quit: CanQuit is false, nothing to do
        if act is not None:
            act()
        self.refresh()

    # -- keeping the desktop up to date ------------------------------------------------

    def refresh(self) -> None:
        """Send what changed since the last signal. The countdown's words change once a
        second, so the bus sees at most one signal a second while nothing else does."""
        if self.connection is None or self.service is None:
            return
        from circuit_timer.ui.mpris_bus import PLAYER, properties_changed

        now = self.properties(PLAYER)
        player = {k: v for k, v in now.items() if k != "Position"}  # clients ask for it
        shown = {**player, "Metadata": _comparable(now["Metadata"])}
        last = self._last.get(PLAYER, {})
        changed = {k: v for k, v in player.items() if k not in last or shown[k] != last[k]}
        if changed:
            self._last[PLAYER] = shown
            if properties_changed(self.connection, PLAYER, changed):
                self.sent += 1
        if self.controller.workout.finished:
            self._poll.stop()

    def _raise(self) -> None:
        if self.window is not None:
            if self.window.isMinimized():
                self.window.showNormal()
            self.window.raise_()
            self.window.activateWindow()


def _comparable(data: object) -> object:
    """Metadata as plain values (a QDBusObjectPath compares by identity)."""
    if isinstance(data, dict):
        return {key: _plain(value) for key, value in data.items()}
    return data


def _plain(value: object) -> object:
    path = getattr(value, "path", None)
    return path() if callable(path) else value


def _no_bus(reason: str) -> None:
    global _said_no_bus
    if not _said_no_bus:
        _said_no_bus = True
        log.info("media controls: no session bus (%s); the window's keys still work", reason)
