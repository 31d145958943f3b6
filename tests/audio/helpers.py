"""Shared by the audio tests: hand-made segments and events, and required tools."""

from __future__ import annotations

import os
import shutil
from typing import Any

import pytest

from circuit_timer.core.events import SetCompleted
from circuit_timer.core.timeline import Segment


def in_ci() -> bool:
    """CI installs every tool these tests need, so there a missing one is a failure."""
    return os.environ.get("CI") == "true"


def require_tool(name: str) -> str:
    """The tool's path; skip locally if it is missing, fail in CI."""
    path = shutil.which(name)
    if path is not None:
        return path
    message = f"{name} is not installed (scripts/system-packages.txt lists it)"
    if in_ci():
        pytest.fail(message)
    pytest.skip(message)


def require_simpleaudio() -> None:
    """simpleaudio importable; skip locally if not, fail in CI."""
    try:
        import simpleaudio  # noqa: F401
    except ImportError:
        if in_ci():
            pytest.fail("simpleaudio is not importable")
        pytest.skip("simpleaudio is not importable")


def seg(kind: str = "work", **fields: Any) -> Segment:
    """A segment of ``kind``; by default a 12-rep open set of single-leg glute bridge."""
    values: dict[str, Any] = {
        "kind": kind,
        "seconds": None,
        "block": 0,
        "round": 1,
        "exercise": "glute-bridge",
        "set": 1,
        "side": None,
        "reps": 12,
        "tempo": None,
        "rep": None,
        "name": "Single-leg glute bridge",
        "sets": 2,
        "rounds": 1,
        "estimate": 36.0,
    }
    values.update(fields)
    return Segment(**values)


def set_done(at: float, side: str | None = None) -> SetCompleted:
    """A SetCompleted for the default segment."""
    return SetCompleted(
        at=at,
        index=1,
        block=0,
        round=1,
        exercise_id="glute-bridge",
        exercise_name="Single-leg glute bridge",
        set_number=1,
        sets=2,
        side=side,  # type: ignore[arg-type]
        reps_target=12,
        reps_done=12,
        seconds=30.0,
        dose="reps",
        load=None,
    )
