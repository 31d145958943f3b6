"""Circuits for tests: one written as text, a small one with every kind of dose, and a
Hypothesis strategy for random valid circuits (a helper, not a test module)."""

from __future__ import annotations

import textwrap
from typing import Any

from hypothesis import strategies as st

from circuit_timer.core.model import Circuit
from circuit_timer.core.validation import parse_document
from circuit_timer.core.yaml_source import read_yaml_bytes


def circuit(text: str) -> Circuit:
    """The circuit a YAML text (indented as in the test) describes; it must be valid."""
    located = read_yaml_bytes(textwrap.dedent(text).encode(), "t.yaml")
    doc = parse_document(located, "t.yaml", "t")
    assert isinstance(doc, Circuit)
    return doc


SMALL = """
    title: Small
    defaults: {prepare: 4, rest: 6, rest_between_exercises: 5, switch_sides: 2,
               rest_between_reps: 3}
    blocks:
      - exercises:
          - {id: raise, name: Raise, reps: 2, tempo: 2-1-1, sides: each}
          - {id: stretch, name: Stretch, hold: 4, reps: 2}
          - {id: bridge, name: Bridge, reps: 10}
          - {id: hops, name: Hops, work: 20}
"""


# A circuit file of a few seconds for runs end to end: a timed set, then a paced rep.
SHORT = """\
title: Short
defaults: {prepare: 2, rest_between_exercises: 1}
blocks:
  - exercises:
      - {id: hop, name: Hops, work: 2}
      - {id: raise, name: Raise, reps: 1, tempo: 1-0-1}
"""


durations = st.integers(min_value=0, max_value=120)


@st.composite
def exercises(draw: st.DrawFn, ident: str) -> dict[str, Any]:
    dose = draw(st.sampled_from(["timed", "tempo", "open", "hold"]))
    ex: dict[str, Any] = {"id": ident, "name": ident.upper(), "sets": draw(st.integers(1, 4))}
    if dose == "timed":
        ex["work"] = draw(st.integers(1, 90))
    elif dose == "tempo":
        ex["reps"] = draw(st.integers(1, 15))
        ex["tempo"] = draw(st.lists(st.integers(0, 4), min_size=3, max_size=4).filter(any))
    elif dose == "open":
        ex["reps"] = draw(st.integers(1, 30))
    else:
        ex["hold"] = draw(st.integers(1, 60))
        if draw(st.booleans()):
            ex["reps"] = draw(st.integers(1, 5))
    ex["sides"] = draw(st.sampled_from(["both", "each"]))
    if draw(st.booleans()):
        ex["rest"] = draw(durations)
    return ex


@st.composite
def circuits(draw: st.DrawFn) -> Circuit:
    names = iter(f"e{i}" for i in range(1000))
    blocks = []
    for _ in range(draw(st.integers(1, 3))):
        block: dict[str, Any] = {
            "rounds": draw(st.integers(1, 3)),
            "exercises": [draw(exercises(next(names))) for _ in range(draw(st.integers(1, 3)))],
        }
        if draw(st.booleans()):
            block["rest_between_rounds"] = draw(durations)
        blocks.append(block)
    defaults = {
        key: draw(durations)
        for key in (
            "prepare",
            "rest",
            "rest_between_exercises",
            "rest_between_reps",
            "switch_sides",
        )
    }
    defaults["seconds_per_rep"] = draw(st.sampled_from([1, 2, 2.5, 3, 4.25]))
    return Circuit.model_validate({"id": "p", "title": "P", "defaults": defaults, "blocks": blocks})
