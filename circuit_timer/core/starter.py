"""The starter circuit that ``circuit-timer new`` writes: every dose, ready to edit."""

from __future__ import annotations

import json

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
