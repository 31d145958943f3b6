"""Audio cues: synthesised tones, an optional espeak-ng voice, and the players.

Wiring, for a face::

    player = make_player(enabled=True)
    voice = Voice(paths.user_home() / "cache" / "voice")
    cues = CuePlayer(player, CueSettings(), voice)
    ...  # for each engine event: cues.handle(event)
    notice = player.take_notice()  # show once, if not None
"""

from circuit_timer.audio.cues import CuePlayer, CueSettings
from circuit_timer.audio.players import NullPlayer, Player, SimpleaudioPlayer, make_player
from circuit_timer.audio.tones import CUE_NAMES, GO_HZ, GO_SECONDS, Sound, all_cues, cue
from circuit_timer.audio.voice import Voice, next_up_text

__all__ = [
    "CUE_NAMES",
    "GO_HZ",
    "GO_SECONDS",
    "CuePlayer",
    "CueSettings",
    "NullPlayer",
    "Player",
    "SimpleaudioPlayer",
    "Sound",
    "Voice",
    "all_cues",
    "cue",
    "make_player",
    "next_up_text",
]
