"""The value rules of the circuit format: durations, counts, tempos, slugs.

Each ``parse_*`` function takes what YAML gave and returns the clean value or raises
``ValueError`` with a message written for a circuit author.
"""

from __future__ import annotations

import math
import re
from typing import Any

MAX_DURATION = 3600
MAX_COUNT = 100
MAX_TEMPO_PHASE = 20
# A metronome for open rep sets, in beats per minute: slow eccentrics to quick hops.
MIN_PACE = 20
MAX_PACE = 240

SLUG_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
DURATION_PATTERN = r"^(?:[0-9]+s|[0-9]+m|[0-9]+m[0-9]+s|[0-9]+:[0-5][0-9])$"
TEMPO_PATTERN = r"^[0-9]+-[0-9]+-[0-9]+(?:-[0-9]+)?$"

_SLUG = re.compile(SLUG_PATTERN)
_SECONDS = re.compile(r"^([0-9]+)s$")
_MINUTES = re.compile(r"^([0-9]+)m$")
_MIN_SEC = re.compile(r"^([0-9]+)m([0-9]+)s$")
_COLON = re.compile(r"^([0-9]+):([0-5][0-9])$")
_TEMPO = re.compile(TEMPO_PATTERN)

DURATION_HELP = 'whole seconds (45) or "45s", "2m", "1m30s", "1:30"'


def describe(value: Any) -> str:
    """Say what a YAML value is, for messages: ``yes`` is a boolean, not text."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return f"{value!r}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__  # pragma: no cover


def parse_duration(value: Any, *, positive: bool) -> int:
    """A duration in whole seconds, 0 (or 1 when ``positive``) to 3600."""
    seconds: int | None = None
    if isinstance(value, int) and not isinstance(value, bool):
        seconds = value
    elif isinstance(value, str):
        text = value
        if m := _SECONDS.match(text):
            seconds = int(m[1])
        elif m := _MINUTES.match(text):
            seconds = int(m[1]) * 60
        elif (m := _MIN_SEC.match(text)) or (m := _COLON.match(text)):
            seconds = int(m[1]) * 60 + int(m[2])
    if seconds is None:
        raise ValueError(f"must be a duration: {DURATION_HELP}; got {describe(value)}")
    if seconds < 0:
        raise ValueError(f"must not be negative; got {describe(value)}")
    if positive and seconds == 0:
        raise ValueError("must be longer than 0 seconds")
    if seconds > MAX_DURATION:
        raise ValueError(f"must be at most {MAX_DURATION} s (1 hour); got {seconds} s")
    return seconds


def parse_count(value: Any, *, low: int = 1, high: int = MAX_COUNT) -> int:
    """A whole number from ``low`` to ``high``; booleans and fractions are refused."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"must be a whole number from {low} to {high}; got {describe(value)}")
    if not low <= value <= high:
        raise ValueError(f"must be from {low} to {high}; got {value}")
    return value


def parse_flag(value: Any) -> bool:
    """A yes/no switch: only a YAML boolean (true/false), never a number or text."""
    if not isinstance(value, bool):
        raise ValueError(f"must be true or false; got {describe(value)}")
    return value


def parse_pace(value: Any) -> int:
    """A beat in beats per minute: a whole number from 20 to 240."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(
            f"must be beats per minute, a whole number from {MIN_PACE} to {MAX_PACE}; "
            f"got {describe(value)}"
        )
    if not MIN_PACE <= value <= MAX_PACE:
        raise ValueError(f"must be beats per minute from {MIN_PACE} to {MAX_PACE}; got {value}")
    return value


def parse_positive_number(value: Any, *, high: float | None = None) -> float:
    """A number above 0 (fractions allowed), at most ``high`` when given."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"must be a number above 0; got {describe(value)}")
    if not math.isfinite(value) or value <= 0:
        raise ValueError(f"must be a number above 0; got {value}")
    if high is not None and value > high:
        raise ValueError(f"must be above 0 and at most {high:g}; got {value}")
    return value


def parse_tempo(value: Any) -> tuple[int, ...]:
    """A tempo: "3-2-3" or [3, 2, 3], three or four phases of 0-20 s, not all 0."""
    phases: list[Any]
    if isinstance(value, str):
        if not _TEMPO.match(value):
            raise ValueError(
                f'must be a tempo like "3-2-3" (up-hold-down, optional pause); got {value!r}'
            )
        phases = [int(part) for part in value.split("-")]
    elif isinstance(value, list):
        phases = value
        if len(phases) not in (3, 4):
            raise ValueError(f"must have 3 or 4 numbers (up, hold, down, pause); got {len(value)}")
        for phase in phases:
            if isinstance(phase, bool) or not isinstance(phase, int):
                raise ValueError(f"phases must be whole numbers of seconds; got {describe(phase)}")
    else:
        raise ValueError(f'must be a tempo like "3-2-3" or [3, 2, 3]; got {describe(value)}')
    if any(not 0 <= p <= MAX_TEMPO_PHASE for p in phases):
        raise ValueError(f"phases must each be from 0 to {MAX_TEMPO_PHASE} seconds; got {value}")
    if not any(phases):
        raise ValueError("must not be all zeros: a rep needs some time")
    return tuple(phases)


def parse_slug(value: Any) -> str:
    """An id: lowercase letters, digits and dashes, starting with a letter or digit."""
    if not isinstance(value, str):
        hint = " (put it in quotes)" if isinstance(value, int | float | bool) else ""
        raise ValueError(f"must be text{hint}; got {describe(value)}")
    if not _SLUG.match(value):
        raise ValueError(
            "must be lowercase letters, digits and dashes, starting with a letter or digit "
            f"(like 'towel-heel-raise'); got {value!r}"
        )
    return value


def parse_text(value: Any, *, allow_empty: bool = False) -> str:
    """Text; numbers and booleans are refused rather than silently turned into text."""
    if not isinstance(value, str):
        hint = " (put it in quotes)" if isinstance(value, int | float | bool) else ""
        raise ValueError(f"must be text{hint}; got {describe(value)}")
    if not allow_empty and not value.strip():
        raise ValueError("must not be empty")
    return value


def parse_choice(value: Any, choices: tuple[str, ...]) -> str:
    """One of ``choices``."""
    if not isinstance(value, str) or value not in choices:
        options = ", ".join(repr(c) for c in choices)
        raise ValueError(f"must be one of {options}; got {describe(value)}")
    return value


def slugify(text: str) -> str:
    """Turn a name like "My Circuit!" into an id like "my-circuit"."""
    # "Runner's knee" should become runners-knee, not runner-s-knee.
    without_apostrophes = re.sub(r"['\u2019]", "", text.lower())
    return re.sub(r"[^a-z0-9]+", "-", without_apostrophes).strip("-")
