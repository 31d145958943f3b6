"""The browse pages' fixed colours (Okabe-Ito, as the workout theme, so colour-blind
runners can tell them apart): errors, passed days, plan sessions, race day, and how each
plan session's status looks."""

from __future__ import annotations

ERROR_COLOUR = "#D55E00"
# Days and weeks that have passed, and secondary facts.
PASSED_COLOUR = "#808080"
SESSION_COLOUR = "#009E73"
RACE_COLOUR = "#D55E00"
# Each status is a word and a symbol, and only then a colour.
STATUS_LOOK: dict[str, tuple[str, str | None]] = {
    "done": ("\u2713 done", "#009E73"),
    "missed": ("\u2717 missed", "#D55E00"),
    "today": ("\u25b6 today", "#0072B2"),
    "open": ("\u25cb open until today", "#0072B2"),
    "upcoming": ("upcoming", None),
}
