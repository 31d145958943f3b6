"""Which sound each engine event makes: the cue table, and the player that follows it."""

from __future__ import annotations

from dataclasses import dataclass

from circuit_timer.audio import tones
from circuit_timer.audio.players import Player
from circuit_timer.audio.voice import Voice, next_up_text
from circuit_timer.core.events import (
    Beat,
    Countdown,
    Event,
    Finished,
    Halfway,
    SegmentStarted,
    SetCompleted,
    TempoPhase,
)
from circuit_timer.core.timeline import Segment, SegmentKind


@dataclass(frozen=True)
class CueSettings:
    """The runner's sound settings. ``voice`` only matters where a speech engine is found."""

    volume: float = 0.8
    countdown_beeps: bool = True
    voice: bool = True


# The tone each segment kind starts with. A prepare segment has none: the voice says
# what comes, and the countdown into the first "go" does the rest.
SEGMENT_CUES: dict[SegmentKind, str | None] = {
    "prepare": None,
    "work": "go",
    "hold": "go",
    "rest": "rest",
    "switch": "switch",
}
# Segment kinds whose start announces what comes next (when the voice is on).
ANNOUNCED: frozenset[SegmentKind] = frozenset({"prepare", "rest", "switch"})

# The other events:
#   Countdown         -> "countdown"     unless countdown beeps are off, or in tempo work
#   Halfway           -> "halfway"       unless in tempo work (its phases keep the time)
#   TempoPhase        -> "tempo-<phase>" except the first, which starts with the "go"
#   Beat              -> "tick"          at the cue volume (beat 0 is the set's "go"); a
#                                        test's pace is part of it, so the 3-2-1 setting
#                                        does not silence it; sound off does
#   SetCompleted      -> "set-done"      except a left side: the set goes on, switch next
#   Finished complete -> "workout-done"  cutting off the last set's chime
#   Paused, Resumed, RepCounted, Finished partial -> nothing


def _same_moment(a: float | None, b: float) -> bool:
    # Events due at one boundary carry the very same deadline; allow for float noise.
    return a is not None and abs(a - b) < 1e-6


def _is_tempo_work(segment: Segment | None) -> bool:
    return segment is not None and segment.kind == "work" and segment.tempo is not None


class CuePlayer:
    """Turns engine events into cue sounds (and spoken "next up") on a player.

    ``handle`` returns the name of the cue it played, so a face can flash it too.
    """

    def __init__(self, player: Player, settings: CueSettings, voice: Voice | None) -> None:
        self.player = player
        self.voice = voice
        self.settings = settings
        self._segment: Segment | None = None
        self._segment_at: float | None = None
        self._set_done_at: float | None = None
        # Synthesise every cue now, so none is made at the moment it is due.
        tones.all_cues(settings.volume)

    def update(self, settings: CueSettings) -> None:
        """Take new settings (a volume change re-synthesises the cues now)."""
        self.settings = settings
        tones.all_cues(settings.volume)

    def handle(self, event: Event) -> str | None:
        """Play what ``event`` calls for; the cue's name, or None for no tone."""
        match event:
            case SegmentStarted():
                return self._segment_started(event)
            case Countdown():
                wanted = self.settings.countdown_beeps and not _is_tempo_work(self._segment)
                return self._play("countdown") if wanted else None
            case Halfway():
                return None if _is_tempo_work(self._segment) else self._play("halfway")
            case TempoPhase():
                if _same_moment(self._segment_at, event.at):
                    return None
                return self._play(f"tempo-{event.phase}")
            case Beat():
                return self._play("tick")
            case SetCompleted():
                self._set_done_at = event.at
                return None if event.done.side == "left" else self._play("set-done")
            case Finished(status="completed"):
                return self._play("workout-done", interrupt=True)
            case _:
                return None

    def _segment_started(self, event: SegmentStarted) -> str | None:
        segment = event.segment
        self._segment = segment
        self._segment_at = event.at
        if segment.kind in ANNOUNCED:
            self._announce(event)
        name = SEGMENT_CUES[segment.kind]
        if name == "rest" and _same_moment(self._set_done_at, event.at):
            return None  # the set-done chime already says "rest"
        return self._play(name) if name is not None else None

    def _announce(self, event: SegmentStarted) -> None:
        voice = self.voice
        if not self.settings.voice or voice is None or not voice.available():
            return
        if event.segment.kind == "switch":
            text = next_up_text(event.segment)
        else:
            upcoming = event.upcoming
            # Between the holds of one set there is nothing new to say.
            if upcoming is None or (upcoming.kind == "hold" and (upcoming.rep or 1) > 1):
                return
            text = next_up_text(upcoming)
        voice.speak(text, self.player, self.settings.volume)

    def _play(self, name: str, *, interrupt: bool = False) -> str:
        self.player.play(tones.cue(name, self.settings.volume), interrupt=interrupt)
        return name
