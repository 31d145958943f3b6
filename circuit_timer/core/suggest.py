"""'Did you mean' suggestions for misspelt keys and ids."""

from __future__ import annotations

from collections.abc import Iterable


def _distance(a: str, b: str) -> int:
    """Edit distance counting a swap of two neighbours as one edit ("rpes" -> "reps")."""
    rows = [list(range(len(b) + 1))]
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            row[j] = min(rows[-1][j] + 1, row[j - 1] + 1, rows[-1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], rows[-2][j - 2] + 1)
        rows.append(row)
    return rows[-1][-1]


# Words people reach for that the format spells differently.
SYNONYMS = {
    "rest_between_sets": "rest",
    "rest_between_sides": "switch_sides",
    "switch": "switch_sides",
    "duration": "work",
    "time": "work",
    "seconds": "work",
    "repetitions": "reps",
    "side": "sides",
    "cue": "cues",
    "note": "notes",
    "round": "rounds",
    "exercise": "exercises",
    "block": "blocks",
    "week": "weeks",
    "session": "sessions",
    "weeks_before_race": "weeks_out",
    "days_out": "days_before_race",
}


def closest(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate ``word`` most likely misspells, or None when nothing is close."""
    candidates = list(candidates)
    lowered = word.lower()
    if SYNONYMS.get(lowered) in candidates:
        return SYNONYMS[lowered]
    best: tuple[int, str] | None = None
    for candidate in candidates:
        limit = 1 if len(candidate) <= 4 else 2 if len(candidate) <= 8 else 3
        # The length difference is a lower bound on the distance: a hostile 50,000
        # character name is ruled out at once instead of compared letter by letter.
        if abs(len(lowered) - len(candidate)) > limit:
            continue
        d = _distance(lowered, candidate)
        if d <= limit and (best is None or d < best[0]):
            best = (d, candidate)
    return best[1] if best else None
