"""The starter circuit that ``circuit-timer new`` writes: every dose, ready to edit."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Collection

from circuit_timer.core.values import slugify

# Latin letters that NFKD does not split into a base letter and a mark.
_LETTERS = str.maketrans(
    {"ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ø": "o", "Ø": "O", "ł": "l",
     "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "Th", "\u0131": "i"}
)  # fmt: skip
# The id of a circuit whose title has no Latin letters or digits at all.
FALLBACK_ID = "circuit"

STARTER = """\
# yaml-language-server: $schema={schema}
# A new circuit. Every dose is shown once; delete what you do not need.
# The format: docs/circuit-format.md. Check it with: circuit-timer validate {path}
format: 1
id: {id}
title: {title}
summary: What this circuit is for, in one line.
tags: [custom]
equipment: [step]
defaults:
  prepare: 10
  rest: 30
  rest_between_exercises: 30
  switch_sides: 5
blocks:
  - title: Warm-up
    kind: warmup
    exercises:
      - id: easy-march
        name: Marching on the spot
        work: 60                  # timed: one 60 s segment
        cues: ["Tall posture", "Easy breathing"]
  - title: Strength
    kind: strength
    exercises:
      - id: heel-raise
        name: Single-leg heel raise
        sets: 3
        reps: 12
        tempo: 3-2-3              # tempo reps: 3 s up, 2 s hold, 3 s down
        sides: each               # left, then right
        rest: 60
        cues: ["Slow on the way down"]
      - id: glute-bridge
        name: Glute bridge
        sets: 2
        reps: 12                  # open reps: count them, then mark the set done
        cues: ["Squeeze at the top"]
  - title: Stretch
    kind: cooldown
    exercises:
      - id: calf-stretch
        name: Calf stretch against a wall
        hold: 30                  # holds: 2 holds of 30 s each side
        reps: 2
        sides: each
        cues: ["Heel down, knee straight"]
"""


def starter_circuit(circuit_id: str, title: str, schema: str, path: str) -> str:
    """The text of a starter circuit with ``circuit_id`` and ``title``."""
    # A JSON string is a valid YAML double-quoted scalar, whatever the title holds.
    return STARTER.format(id=circuit_id, title=json.dumps(title), schema=schema, path=path)


def readable_id(title: str) -> str:
    """The id a title reads as: "Ünïcödé Çircuit" -> "unicode-circuit" ("" if no Latin)."""
    decomposed = unicodedata.normalize("NFKD", title.translate(_LETTERS))
    return slugify("".join(c for c in decomposed if not unicodedata.combining(c)))


def has_name(title: str) -> bool:
    """True when ``title`` has a letter or digit in any script: something to call it by."""
    return any(c.isalnum() for c in title)


def new_circuit_id(title: str, taken: Collection[str]) -> str:
    """A fresh id for a circuit called ``title``: its readable id, or ``circuit`` for a
    title in another script, with "-2", "-3"... while that is ``taken``."""
    base = readable_id(title) or FALLBACK_ID
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}-{number}"
    return candidate
