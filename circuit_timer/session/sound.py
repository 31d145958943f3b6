"""The sound cues of a workout, set up from the shared settings, for every face."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from circuit_timer.files import paths
from circuit_timer.store import settings

if TYPE_CHECKING:  # the window names sound_cues before its first paint
    from circuit_timer.core.events import Event
    from circuit_timer.store.history import HistoryStore

# Above this speed cues would pile on top of each other: demos and tests run silent.
MAX_SPEED_WITH_SOUND = 3.0


@dataclass
class SoundCues:
    """A cue listener, the notice to show once (no sound device), and its workers."""

    listener: Callable[[Event], object]
    notice: str | None
    _close: Callable[[bool], str | None]
    _current: Callable[[], str | None] = lambda: None

    def current_notice(self) -> str | None:
        """Why cues are visual only now (the device may fail mid-workout), or None."""
        return self._current()

    def close(self, *, wait: bool = True) -> str | None:
        """Stop the audio workers (with ``wait``, after the last cue has played); returns
        a notice if the sound device failed during the workout."""
        return self._close(wait)


def sound_cues(store: HistoryStore | None, *, voice_allowed: bool = True) -> SoundCues:
    """Cues at the volume, beeps and voice the settings ask for (defaults without a store)."""
    from circuit_timer.audio.cues import CuePlayer, CueSettings
    from circuit_timer.audio.players import SimpleaudioPlayer, make_player
    from circuit_timer.audio.voice import Voice

    player = make_player(True)
    volume, beeps, spoken = 0.8, True, voice_allowed
    if store is not None:
        volume = int(settings.get(store, "volume")) / 100
        beeps = settings.is_on(store, "countdown_beeps")
        spoken = voice_allowed and settings.is_on(store, "voice")
    voice = Voice(paths.user_home() / "cache" / "voice") if spoken else None
    if voice is not None and not voice.available():
        voice = None
    cues = CuePlayer(player, CueSettings(volume, beeps, voice is not None), voice)

    def close(wait: bool) -> str | None:
        if wait and isinstance(player, SimpleaudioPlayer):
            player.wait_idle(2.0)  # the "workout done" fanfare is 1.2 s
        if voice is not None:
            voice.close()
        player.close()
        return player.take_notice()

    return SoundCues(cues.handle, player.take_notice(), close, lambda: player.notice)
