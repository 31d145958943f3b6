"""A real window (xcb, under Xvfb) runs pf-crash-course from the library to the summary."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from tests.paths import REPO, linux_tool

SHOTS = ("library", "workout-tempo-side", "rest-next-up", "summary", "summary-saved", "test-beat",
         "today", "plan",
         "history", "charts", "charts-earned-load")  # fmt: skip


@pytest.mark.parametrize("theme", ["system", "dark"])
def test_a_real_window_from_library_to_summary(tmp_path: Path, theme: str) -> None:
    xvfb_run = linux_tool("xvfb-run", "xvfb")  # a real xcb window: Linux only
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    result = subprocess.run(
        [xvfb_run, "-a", "-s", "-screen 0 1280x800x24", sys.executable,
         str(REPO / "scripts" / "screenshots.py"), str(tmp_path), "--theme", theme],
        capture_output=True, text=True, timeout=180, env=env,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "platform xcb" in result.stdout
    for name in SHOTS:
        suffix = "" if theme == "system" else f"-{theme}"
        image = QImage(str(tmp_path / f"{name}{suffix}.png"))
        assert not image.isNull(), name
        assert (image.width(), image.height()) == (1100, 760), name  # the window's default
        # Not a blank frame: many different colours.
        colours = {image.pixel(x, y) for x in range(0, 1100, 40) for y in range(0, 760, 40)}
        assert len(colours) > 4, name
