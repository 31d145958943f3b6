"""Players put a Sound out of the speakers without ever making the engine wait.

``make_player`` checks once, at start-up, that a sound can be played at all. Where one
cannot (no sound card, simpleaudio missing), a NullPlayer takes over and carries a
notice saying cues are visual only; a face shows it once.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from dataclasses import dataclass
from types import ModuleType
from typing import Any, Protocol

from circuit_timer.audio.alsa_quiet import quiet_alsa
from circuit_timer.audio.tones import RATE, Sound

log = logging.getLogger(__name__)

NO_DEVICE = "No sound device: cues are visual only."
NO_ANSWER = "The sound device did not answer: cues are visual only."
NO_SIMPLEAUDIO = "simpleaudio is not installed: cues are visual only."

# How long make_player waits for its test sound before giving up on the device.
PROBE_TIMEOUT = 1.0
PROBE_SECONDS = 0.01
# A cue this late is dropped: a "go" two seconds after the boundary misleads.
MAX_LAG = 1.0


class Player(Protocol):
    """Plays sounds. ``play`` returns at once; ``notice`` says why cues are silent."""

    def play(self, sound: Sound, *, interrupt: bool = False) -> None:
        """Start ``sound``; with ``interrupt``, stop whatever is playing first."""
        ...

    @property
    def notice(self) -> str | None:
        """Why cues are visual only, or None while sound works."""
        ...

    def take_notice(self) -> str | None:
        """The notice the first time it is asked for, then None."""
        ...

    def close(self) -> None:
        """Stop playing and release the worker, if any."""
        ...


class _Notice:
    """A message for the runner, handed out once to whichever face shows it."""

    def __init__(self, notice: str | None = None) -> None:
        self._lock = threading.Lock()
        self._notice = notice
        self._taken = False

    @property
    def notice(self) -> str | None:
        """Why cues are visual only, or None while sound works."""
        with self._lock:
            return self._notice

    def take_notice(self) -> str | None:
        """The notice the first time it is asked for, then None."""
        with self._lock:
            if self._taken or self._notice is None:
                return None
            self._taken = True
            return self._notice

    def _set_notice(self, notice: str) -> None:
        with self._lock:
            if self._notice is None:
                self._notice = notice


class NullPlayer(_Notice):
    """Plays nothing and remembers what it was asked to play (tests, a visual-only face)."""

    def __init__(self, notice: str | None = None) -> None:
        super().__init__(notice)
        self.played: list[Sound] = []

    @property
    def names(self) -> list[str]:
        """The names of the sounds asked for, in order."""
        return [s.name for s in self.played]

    def play(self, sound: Sound, *, interrupt: bool = False) -> None:
        """Record ``sound``."""
        self.played.append(sound)

    def close(self) -> None:
        """Nothing to release."""


# How long a stopped sound may take to release the device before the next one starts.
RELEASE_SECONDS = 0.2


@dataclass(frozen=True)
class _Job:
    sound: Sound
    interrupt: bool
    queued: float


def _errors(sa: ModuleType) -> tuple[type[BaseException], ...]:
    """What simpleaudio raises when it cannot play (its error class is in the C module)."""
    found = getattr(sa, "SimpleaudioError", None) or getattr(
        getattr(sa, "_simpleaudio", None), "SimpleaudioError", None
    )
    if isinstance(found, type) and issubclass(found, BaseException):
        return (found, OSError)
    return (OSError,)


class SimpleaudioPlayer(_Notice):
    """Plays through simpleaudio from one daemon worker thread fed by a queue.

    If playing fails, the player turns itself into a NullPlayer and sets a notice.
    Sounds overlap (the default ALSA device mixes); on a device that cannot, the newest
    sound replaces the one playing.
    """

    def __init__(self, max_lag: float = MAX_LAG) -> None:
        super().__init__()
        self._max_lag = max_lag
        self._queue: queue.Queue[_Job | None] = queue.Queue()
        self._fallback: NullPlayer | None = None
        self._last: Any = None  # simpleaudio.PlayObject of the latest sound
        self._thread = threading.Thread(target=self._run, name="audio-player", daemon=True)
        self._thread.start()

    @property
    def failed(self) -> bool:
        """True once playback failed and the player went silent."""
        return self._fallback is not None

    def play(self, sound: Sound, *, interrupt: bool = False) -> None:
        """Queue ``sound`` for the worker; never blocks."""
        if self._fallback is not None:
            self._fallback.play(sound, interrupt=interrupt)
            return
        self._queue.put(_Job(sound, interrupt, time.monotonic()))

    def wait_idle(self, timeout: float) -> bool:
        """Wait until every queued sound has been played out; False on timeout."""
        deadline = time.monotonic() + timeout
        done = self._queue.all_tasks_done
        with done:
            if not done.wait_for(lambda: self._queue.unfinished_tasks == 0, timeout):
                return False
        while self._last is not None and self._last.is_playing():
            if time.monotonic() > deadline:
                return False
            time.sleep(0.01)
        return True

    def close(self) -> None:
        """Stop the worker (sounds already playing run to their end)."""
        self._queue.put(None)
        self._thread.join(timeout=1.0)

    def _run(self) -> None:
        sa: ModuleType | None = None
        try:
            import simpleaudio

            sa = simpleaudio
        except ImportError:
            self._fail(NO_SIMPLEAUDIO, None)
        while True:
            job = self._queue.get()
            try:
                if job is None:
                    return
                if sa is None or self._fallback is not None:
                    self._to_fallback(job)
                elif (late := time.monotonic() - job.queued) > self._max_lag:
                    log.warning("dropped the %r sound: it was %.1f s late", job.sound.name, late)
                else:
                    self._play_now(sa, job)
            finally:
                self._queue.task_done()

    def _play_now(self, sa: ModuleType, job: _Job) -> None:
        errors = _errors(sa)
        s = job.sound
        try:
            if job.interrupt:
                sa.stop_all()
                self._wait_released()
            try:
                self._last = sa.play_buffer(s.pcm, 1, 2, s.rate)
            except errors:
                if self._last is None:
                    raise
                # A device that cannot mix is busy with the last sound (or still closing
                # it after a stop): the newer sound wins, once the device is free.
                sa.stop_all()
                self._wait_released()
                self._last = sa.play_buffer(s.pcm, 1, 2, s.rate)
        except errors as exc:
            self._fail(NO_DEVICE, exc)
            self._to_fallback(job)

    def _wait_released(self) -> None:
        """Give a stopped sound up to RELEASE_SECONDS to let go of the device."""
        deadline = time.monotonic() + RELEASE_SECONDS
        while self._last is not None and self._last.is_playing():
            if time.monotonic() > deadline:
                return
            time.sleep(0.005)
        # Stopping flags the stream; its thread closes the device a moment later.
        time.sleep(0.02)

    def _fail(self, notice: str, exc: BaseException | None) -> None:
        log.warning("audio off: %s (%s)", notice, exc)
        self._fallback = NullPlayer()
        self._set_notice(notice)

    def _to_fallback(self, job: _Job) -> None:
        assert self._fallback is not None
        self._fallback.play(job.sound, interrupt=job.interrupt)


def _play_silence() -> str | None:
    """Play a few ms of silence and wait for it: None if that worked, else the notice."""
    try:
        import simpleaudio as sa
    except ImportError:
        return NO_SIMPLEAUDIO
    silence = bytes(2 * round(PROBE_SECONDS * RATE))
    with quiet_alsa():
        try:
            sa.play_buffer(silence, 1, 2, RATE).wait_done()
        except _errors(sa) as exc:
            log.info("no sound device: %s", exc)
            return NO_DEVICE
    return None


def probe(timeout: float = PROBE_TIMEOUT) -> str | None:
    """None if sound plays here, else the notice; returns within ``timeout`` seconds."""
    result: list[str | None] = []
    # A thread of its own, so a sound system that hangs cannot hold up start-up.
    worker = threading.Thread(
        target=lambda: result.append(_play_silence()), name="audio-probe", daemon=True
    )
    worker.start()
    worker.join(timeout)
    return result[0] if result else NO_ANSWER


def make_player(enabled: bool, *, timeout: float = PROBE_TIMEOUT) -> Player:
    """The player to use: simpleaudio if it can play here, else a NullPlayer with a notice.

    ``enabled`` False (sound turned off) gives a silent NullPlayer without a notice.
    """
    if not enabled:
        return NullPlayer()
    notice = probe(timeout)
    if notice is not None:
        return NullPlayer(notice)
    return SimpleaudioPlayer()
