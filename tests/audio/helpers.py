"""Shared by the audio tests: hand-made segments and events, required tools, and the
ALSA file sink and sox measurements of the end-to-end tests."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from array import array
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from circuit_timer.core.events import SetCompleted
from circuit_timer.core.records import CompletedSet
from circuit_timer.core.timeline import Segment
from tests.paths import REPO, linux_tool


def in_ci() -> bool:
    """CI installs every tool these tests need, so there a missing one is a failure."""
    return os.environ.get("CI") == "true"


# The Debian package of each tool the audio tests drive.
PACKAGES = {"sox": "sox", "espeak-ng": "espeak-ng"}


def require_tool(name: str) -> str:
    """The tool's path: these tools (and ALSA beside them) are Linux's, so the test is
    skipped elsewhere; on Linux a missing one fails (tests/paths.py linux_tool)."""
    return linux_tool(name, PACKAGES.get(name, name))


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
    done = CompletedSet(
        block=0,
        round=1,
        exercise_id="glute-bridge",
        exercise_name="Single-leg glute bridge",
        set_number=1,
        side=side,  # type: ignore[arg-type]
        reps_target=12,
        reps_done=12,
        seconds=30.0,
        dose="reps",
        load=None,
    )
    return SetCompleted(at=at, index=1, done=done, sets=2)


def file_sink(folder: Path) -> tuple[Path, str]:
    """An ALSA configuration whose default device writes a WAV into ``folder``: the WAV's
    path and the ALSA_CONFIG_PATH that loads it. The sink takes sound faster than real
    time, and each sound played starts the file afresh: it keeps the last one."""
    out = folder / "out.wav"
    config = folder / "asoundrc"
    config.write_text(
        f'pcm.!default {{ type file; slave.pcm "null"; file "{out}"; format "wav" }}\n'
    )
    return out, f"/usr/share/alsa/alsa.conf:{config}"


def run_with_alsa_config(
    script: str, config_path: str, args: Sequence[str] = ()
) -> subprocess.CompletedProcess[str]:
    """Run ``script`` (with ``args``) in a fresh Python whose ALSA reads ``config_path``
    (ALSA_CONFIG_PATH)."""
    env = dict(os.environ, ALSA_CONFIG_PATH=config_path)
    return subprocess.run(
        [sys.executable, "-c", script, *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )


def _trim(start: float | None, seconds: float | None) -> list[str]:
    return [] if start is None else ["trim", f"{start:.4f}", f"{seconds:.4f}"]


def sox_stat(
    path: Path, start: float | None = None, seconds: float | None = None
) -> dict[str, float]:
    """sox's ``stat`` figures (of ``seconds`` from ``start``, if given), keyed by label."""
    out = subprocess.run(
        ["sox", str(path), "-n", *_trim(start, seconds), "stat"],
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    )
    figures = {}
    # sox prints them on stderr.
    for line in out.stderr.splitlines():
        m = re.match(r"^(.+?):\s+(-?[\d.]+)$", line.strip())
        if m:
            figures[re.sub(r"\s+", " ", m.group(1))] = float(m.group(2))
    return figures


def sox_loudest_frequency(
    path: Path, start: float | None = None, seconds: float | None = None
) -> float:
    """The strongest bin of sox's spectrum (``stat -freq``: "Hz power" lines)."""
    out = subprocess.run(
        ["sox", str(path), "-n", *_trim(start, seconds), "stat", "-freq"],
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    )
    bins = []
    for line in out.stderr.splitlines():
        parts = line.split()
        if len(parts) == 2:
            try:
                bins.append((float(parts[1]), float(parts[0])))
            except ValueError:
                continue
    return max(bins)[1]


def sox_samples(path: Path, rate: int) -> array[int]:
    """The file's samples as sox decodes them: mono 16-bit at ``rate``."""
    raw = ["-t", "raw", "-e", "signed", "-b", "16", "-c", "1", "-r", str(rate), "-L"]
    out = subprocess.run(
        ["sox", str(path), *raw, "-"],
        capture_output=True,
        check=True,
        timeout=30,
    )
    samples = array("h")
    samples.frombytes(out.stdout)
    if sys.byteorder == "big":
        samples.byteswap()
    return samples


def onsets(samples: array[int], rate: int, *, quiet: float = 0.15) -> list[float]:
    """When each sound starts, in seconds: the first sample above a hundredth of full
    scale after at least ``quiet`` seconds below it, of a sound that grows past a tenth."""
    loud, silent = 0.1 * 32767, 0.01 * 32767
    found: list[float] = []
    start, peak, last = None, 0, -(10**9)
    for i, value in enumerate(samples):
        level = abs(value)
        if level < silent:
            continue
        if i - last > quiet * rate:
            if start is not None and peak >= loud:
                found.append(start / rate)
            start, peak = i, 0
        peak = max(peak, level)
        last = i
    if start is not None and peak >= loud:
        found.append(start / rate)
    return found


def samples(pcm: bytes) -> array[int]:
    """16-bit little-endian PCM as numbers, on any machine."""
    out = array("h")
    out.frombytes(pcm)
    if sys.byteorder == "big":
        out.byteswap()
    return out


def peak(pcm: bytes) -> int:
    """The loudest sample of 16-bit PCM, as a magnitude."""
    return max(abs(s) for s in samples(pcm))
