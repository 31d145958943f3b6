"""Spoken cues: a speech engine writes a text as a WAV, cached on disk, played like any cue.

The engine is espeak-ng wherever it is installed (Linux; it has Windows and macOS builds
too), else the system's own: `say` on macOS, SAPI through Windows PowerShell on Windows.
Where none is found the voice is unavailable, with one line saying why
(``unavailable_reason``); nothing else changes.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import queue
import shutil
import subprocess
import sys
import threading
import wave
from pathlib import Path

from circuit_timer.audio.players import Player
from circuit_timer.audio.tones import Sound, scaled
from circuit_timer.core.timeline import Segment

log = logging.getLogger(__name__)

ESPEAK = "espeak-ng"
SAY = "say"
SAPI = "powershell"
ESPEAK_TIMEOUT = 5.0
# PowerShell takes a second or two to start before it speaks.
SAPI_TIMEOUT = 15.0
# On Windows, no console window pops up over the workout for each announcement.
NO_WINDOW: int = getattr(subprocess, "CREATE_NO_WINDOW", 0)
VOICE_NAME = "voice"
# `say` writes what espeak-ng writes: 16-bit mono WAV at 22050 Hz.
SAY_FORMAT = ["--file-format=WAVE", "--data-format=LEI16@22050"]
# SAPI's synthesiser writing the same WAV. The text and the file come in environment
# variables (Unicode on Windows, and never read as script), not on the command line.
SAPI_SCRIPT = (
    "$ErrorActionPreference = 'Stop'; "
    "Add-Type -AssemblyName System.Speech; "
    "$s = New-Object System.Speech.Synthesis.SpeechSynthesizer; "
    "$f = New-Object System.Speech.AudioFormat.SpeechAudioFormatInfo(22050, "
    "[System.Speech.AudioFormat.AudioBitsPerSample]::Sixteen, "
    "[System.Speech.AudioFormat.AudioChannel]::Mono); "
    "$s.SetOutputToWaveFile($env:CIRCUIT_TIMER_WAV, $f); "
    "$s.Speak($env:CIRCUIT_TIMER_TEXT); "
    "$s.Dispose()"
)


def find_engine() -> tuple[str, str] | None:
    """The speech engine here, as (name, path): espeak-ng, else `say` on macOS or
    PowerShell's SAPI on Windows."""
    found = shutil.which(ESPEAK)
    if found is not None:
        return ESPEAK, found
    own = {"darwin": SAY, "win32": SAPI}.get(sys.platform)
    found = shutil.which(own) if own is not None else None
    if own is not None and found is not None:
        return own, found
    return None


def unavailable_reason() -> str:
    """Why spoken cues are off on this machine, in one line for the runner."""
    if sys.platform == "win32":
        return (
            "spoken cues are unavailable: neither Windows PowerShell nor espeak-ng was "
            "found; the cues still sound and show"
        )
    if sys.platform == "darwin":
        return "spoken cues are unavailable: neither say nor espeak-ng was found"
    return "spoken cues are unavailable: espeak-ng is not installed (apt-get install espeak-ng)"


class Voice:
    """Turns texts into Sounds with the speech engine, caching the WAVs in ``cache_dir``.

    ``speak`` hands the work to a worker thread of the voice's own, so neither the engine
    nor the cue player waits for espeak-ng.
    """

    def __init__(self, cache_dir: Path, *, language: str = "en", words_per_minute: int = 165):
        self.cache_dir = cache_dir
        self.language = language
        self.words_per_minute = words_per_minute
        engine = find_engine()
        self._engine = engine[0] if engine is not None else ESPEAK
        self._exe: str | None = engine[1] if engine is not None else None
        if engine is None:
            log.info("%s", unavailable_reason())
        self._queue: queue.Queue[tuple[str, Player, float] | None] = queue.Queue()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def available(self) -> bool:
        """True where a speech engine was found."""
        return self._exe is not None

    def cache_file(self, text: str) -> Path:
        """Where the WAV for ``text`` is cached: keyed by the text and every espeak setting."""
        # espeak-ng's key is what it always was, so existing caches stay valid.
        engine = [] if self._engine == ESPEAK else [self._engine]
        settings = [ESPEAK, *engine, self.language, self.words_per_minute, text]
        key = hashlib.sha256(json.dumps(settings).encode()).hexdigest()[:32]
        return self.cache_dir / f"{key}.wav"

    def sound(self, text: str, volume: float = 1.0) -> Sound | None:
        """``text`` spoken, at ``volume``; None if the engine is missing or fails. Blocks."""
        if self._exe is None:
            return None
        path = self.cache_file(text)
        if not path.is_file() and not self._generate(self._exe, text, path):
            return None
        try:
            return scaled(_read_wav(path), volume)
        except (OSError, EOFError, wave.Error, ValueError) as exc:
            # A damaged cache file: forget it, so the next call makes it afresh.
            log.warning("unreadable voice cache %s: %s", path, exc)
            path.unlink(missing_ok=True)
            return None

    def speak(self, text: str, player: Player, volume: float = 1.0) -> None:
        """Speak ``text`` through ``player`` soon; returns at once."""
        if self._exe is None:
            return
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="voice", daemon=True)
                self._thread.start()
        self._queue.put((text, player, volume))

    def wait_idle(self, timeout: float) -> bool:
        """Wait until every text handed to ``speak`` went to its player; False on timeout."""
        done = self._queue.all_tasks_done
        with done:
            return done.wait_for(lambda: self._queue.unfinished_tasks == 0, timeout)

    def close(self) -> None:
        """Stop the worker thread."""
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join(timeout=self._timeout() + 1.0)

    def _run(self) -> None:
        while True:
            job = self._queue.get()
            try:
                if job is None:
                    return
                # A newer announcement is waiting: this one is out of date, skip it.
                if not self._queue.empty():
                    continue
                text, player, volume = job
                sound = self.sound(text, volume)
                if sound is not None:
                    player.play(sound)
            finally:
                self._queue.task_done()

    def _timeout(self) -> float:
        return SAPI_TIMEOUT if self._engine == SAPI else ESPEAK_TIMEOUT

    def _generate(self, exe: str, text: str, path: Path) -> bool:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Written beside the final name, then renamed: a reader never sees half a file.
        partial = path.with_name(f"{path.stem}.{os.getpid()}.{threading.get_ident()}.part")
        # The text on stdin, so a name starting with "-" is never read as an option.
        env: dict[str, str] | None = None
        if self._engine == SAPI:
            command = [exe, "-NoProfile", "-NonInteractive", "-Command", SAPI_SCRIPT]
            env = {**os.environ, "CIRCUIT_TIMER_WAV": str(partial), "CIRCUIT_TIMER_TEXT": text}
        elif self._engine == SAY:
            # The system's voice for its language; `say` takes voice names, not codes.
            command = [exe, "-r", str(self.words_per_minute), *SAY_FORMAT]
            command += ["-o", str(partial), "-f", "-"]
        else:
            command = [exe, "-v", self.language, "-s", str(self.words_per_minute)]
            command += ["-w", str(partial), "--stdin"]
        try:
            if env is None:
                subprocess.run(
                    command,
                    input=text,
                    text=True,
                    capture_output=True,
                    timeout=self._timeout(),
                    check=True,
                    creationflags=NO_WINDOW,
                )
            else:
                subprocess.run(
                    command,
                    stdin=subprocess.DEVNULL,
                    capture_output=True,
                    timeout=self._timeout(),
                    check=True,
                    env=env,
                    creationflags=NO_WINDOW,
                )
            os.replace(partial, path)
        except (OSError, subprocess.SubprocessError) as exc:
            log.warning("%s could not say %r: %s", self._engine, text, exc)
            partial.unlink(missing_ok=True)
            return False
        return True


def _read_wav(path: Path) -> Sound:
    """A 16-bit mono WAV (what espeak-ng writes) as a Sound at the file's own rate."""
    with wave.open(str(path), "rb") as wav:
        if wav.getsampwidth() != 2 or wav.getnchannels() != 1:
            raise ValueError(f"expected 16-bit mono, got {wav.getparams()}")
        rate = wav.getframerate()
        frames = wav.getnframes()
        pcm = wav.readframes(frames)
    return Sound(name=VOICE_NAME, pcm=pcm, rate=rate, seconds=frames / rate)


def _count(n: int, unit: str) -> str:
    return f"{n} {unit}" if n == 1 else f"{n} {unit}s"


def _duration(seconds: int) -> str:
    """Whole minutes as minutes ("2 minutes"), anything else as seconds ("90 seconds")."""
    if seconds >= 60 and seconds % 60 == 0:
        return _count(seconds // 60, "minute")
    return _count(seconds, "second")


def _dose(segment: Segment) -> str | None:
    if segment.kind == "hold":
        holds = segment.reps or 1
        length = _duration(segment.seconds or 0)
        if holds == 1:
            return f"hold {length}"
        return f"{holds} holds of {length}"
    if segment.kind != "work":
        return None
    if segment.tempo is not None and segment.reps:
        # Spaces, not dashes: espeak-ng reads "3-1-3-1" as "three dash one dash ...".
        return f"{_count(segment.reps, 'rep')}, tempo {' '.join(map(str, segment.tempo))}"
    if segment.seconds is None:
        return _count(segment.reps or 0, "rep")
    return _duration(segment.seconds)


def next_up_text(segment: Segment) -> str:
    """What to announce before ``segment``, a work or hold segment (an event's ``upcoming``).

    "Next: Pogo hops, 30 seconds"; for a switch segment just the side: "Right side".
    """
    if segment.kind == "switch":
        return f"{(segment.side or 'other').capitalize()} side"
    parts = [segment.name]
    if segment.side is not None:
        parts.append(f"{segment.side} side")
    dose = _dose(segment)
    if dose:
        parts.append(dose)
    return "Next: " + ", ".join(parts)
